package io.pitwall.simulator.smartrace;

/** What kind of lap sensor is simulated. */
public enum SensorStyle {
    /** An ESP/Arduino style sensor: milliseconds since boot, counter wrap, re-sends its last two laps after a reconnect. */
    MICROCONTROLLER,
    /** A phone app: epoch milliseconds from the phone's clock, no re-send. */
    PHONE
}
