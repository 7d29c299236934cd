package io.pitwall.ingest.ctp01.codec;

/** The {@code location} request option: one location or all of them over this link. */
public enum LocationMode {
    SINGLE("single"),
    MULTI("multi");

    private final String optionValue;

    LocationMode(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
