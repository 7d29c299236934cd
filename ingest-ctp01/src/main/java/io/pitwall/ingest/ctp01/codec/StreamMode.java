package io.pitwall.ingest.ctp01.codec;

/**
 * The {@code stream-mode} request option: {@code push} streams observations after {@code start},
 * {@code pull} answers {@code getdata} requests.
 */
public enum StreamMode {
    PUSH("push"),
    PULL("pull");

    private final String optionValue;

    StreamMode(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
