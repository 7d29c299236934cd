package io.pitwall.ingest.smartrace.codec;

import java.util.Locale;
import java.util.Optional;

/** The values of a sensor's {@code race_control} message. */
public enum RaceControlCommand {
    START("start"),
    STOP("stop"),
    /** Virtual safety car: a toggle, Smartrace answers {@code update_vsc_status} active or off. */
    VSC("vsc"),
    /** The sensor's escape button; the protocol notes do not say what Smartrace does with it. */
    ESC("esc");

    private final String wire;

    RaceControlCommand(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Case-insensitive: sensors are hand-written firmware, the meaning of "START" is not in doubt. */
    public static Optional<RaceControlCommand> fromWire(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (RaceControlCommand command : values()) {
            if (command.wire.equals(lower)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
