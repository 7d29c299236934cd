package io.pitwall.ingest.smartrace.codec;

/** Values of {@code update_event_status}. */
public enum EventStatus {
    PREPARE_FOR_START("prepare_for_start"),
    STARTING("starting"),
    RUNNING("running"),
    SUSPENDED("suspended"),
    ENDED("ended");

    private final String wire;

    EventStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
