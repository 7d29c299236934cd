package io.pitwall.ingest.smartrace.codec;

import java.util.Objects;
import java.util.OptionalLong;

/** A message a lap sensor sends to Smartrace Connect. */
public sealed interface SensorMessage extends Inbound {

    /** Lowest controller id accepted; the protocol numbers controllers from 1. */
    int MIN_CONTROLLER = 1;
    /** Highest controller id accepted: far above any real track, low enough to bound metrics and state. */
    int MAX_CONTROLLER = 255;

    /** {@code {"type":"api_version"}}: the sensor asks for the server's API version (and controller data). */
    record ApiVersionRequest() implements SensorMessage {
    }

    /**
     * {@code controller_set}: the device registers itself. {@code "Z"} is an analog lap sensor;
     * {@code "X"} and {@code "1".."6"} are used by other devices.
     */
    record ControllerSet(String controllerId) implements SensorMessage {
        public static final String ANALOG_LAP_SENSOR = "Z";

        public ControllerSet {
            Objects.requireNonNull(controllerId, "controllerId");
        }
    }

    /** {@code analog_lap}: controller {@code controllerId} crossed the line at the sensor's counter value {@code timestamp}. */
    record AnalogLap(int controllerId, long timestamp) implements SensorMessage {
    }

    /** {@code analog_pit_enter}; the timestamp is present only if the sensor sent one. */
    record PitEnter(int controllerId, OptionalLong timestamp) implements SensorMessage {
        public PitEnter {
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** {@code analog_pit_leave}; the timestamp is present only if the sensor sent one. */
    record PitLeave(int controllerId, OptionalLong timestamp) implements SensorMessage {
        public PitLeave {
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** {@code race_control}: a race-control button on the sensor. */
    record RaceControl(RaceControlCommand command) implements SensorMessage {
        public RaceControl {
            Objects.requireNonNull(command, "command");
        }
    }
}
