package io.pitwall.ingest.smartrace.codec;

/** Values of {@code update_vsc_status}. */
public enum VscStatus {
    ACTIVE("active"),
    OFF("off");

    private final String wire;

    VscStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
