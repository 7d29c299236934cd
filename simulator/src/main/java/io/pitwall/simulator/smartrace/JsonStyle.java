package io.pitwall.simulator.smartrace;

/** How the sensor writes its JSON. */
public enum JsonStyle {
    /** As in the Smartrace document: no spaces, {@code type} first, {@code timestamp} before {@code controller_id}. */
    COMPACT,
    /** Spaces after separators and inside braces, {@code controller_id} before {@code timestamp}, {@code data} first. */
    SPACED
}
