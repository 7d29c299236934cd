package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;

/**
 * What the server sends back: {@code bumb-<data.id>} for passing and connected PDUs, {@code pong} for
 * keepalives. The text is the whole frame.
 */
public record Confirmation(String text) {

    public static final Confirmation PONG = new Confirmation("pong");
    static final String BUMB_PREFIX = "bumb-";

    public Confirmation {
        Objects.requireNonNull(text, "text");
    }

    /** {@code bumb-} followed by the id exactly as the station wrote it. */
    public static Confirmation bumb(EventId id) {
        return new Confirmation(BUMB_PREFIX + id.text());
    }

    @Override
    public String toString() {
        return text;
    }
}
