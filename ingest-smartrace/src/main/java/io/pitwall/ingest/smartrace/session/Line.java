package io.pitwall.ingest.smartrace.session;

/** Which line a sensor message reports. */
public enum Line {
    /** {@code analog_lap}: the start/finish line. */
    FINISH("analog_lap"),
    /** {@code analog_pit_enter}. */
    PIT_IN("analog_pit_enter"),
    /** {@code analog_pit_leave}. */
    PIT_OUT("analog_pit_leave");

    private final String messageType;

    Line(String messageType) {
        this.messageType = messageType;
    }

    /** The Smartrace message type, kept on the passing as its raw line identifier. */
    public String messageType() {
        return messageType;
    }
}
