package io.pitwall.ingest.lapsnapper.codec;

/** The {@code systemState} values of API section 8.2: which screen the LapSnapper application shows. */
public enum SystemState {
    UNKNOWN(-1),
    MAIN_MENU(0),
    SESSION_OPTIONS_DIALOG(1),
    TIMING(2),
    TIMING_RECOVERY_DIALOG(3),
    RESULTS_DIALOG(4),
    RESULTS_BROWSING(5),
    RESULTS_BROWSING_SAVE_RESULTS_DIALOG(6),
    SETTINGS_DIALOG(7),
    SAVE_RESULTS_RESTART_DIALOG(8),
    SAVE_RESULTS_DIALOG(9),
    AUTOMATIC_SESSION_STARTUP(10);

    private final int code;

    SystemState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state for a wire value; a value the document does not list maps to {@link #UNKNOWN}. */
    public static SystemState fromCode(int code) {
        for (SystemState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
