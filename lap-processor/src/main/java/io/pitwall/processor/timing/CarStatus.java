package io.pitwall.processor.timing;

/** A car's state, with the text Timing71 shows for it. */
public enum CarStatus {
    NOT_STARTED("N/S"),
    RUN("RUN"),
    PIT("PIT"),
    OUT("OUT"),
    STOP("STOP"),
    FIN("FIN"),
    RET("RET");

    private final String timing71;

    CarStatus(String timing71) {
        this.timing71 = timing71;
    }

    public String timing71() {
        return timing71;
    }
}
