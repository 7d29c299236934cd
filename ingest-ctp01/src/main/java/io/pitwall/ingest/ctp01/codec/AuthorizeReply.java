package io.pitwall.ingest.ctp01.codec;

import java.util.Optional;

/**
 * {@code ack~authorize}, or {@code err~authorize[~<message>]} after which the server disconnects.
 * The message goes to the client: keep it generic ("invalid password"), never echo what was sent.
 */
public record AuthorizeReply(boolean accepted, Optional<String> message) implements Ctp01Outbound {

    public AuthorizeReply {
        if (accepted && message.isPresent()) {
            throw new IllegalArgumentException("ack~authorize carries no message");
        }
        message.ifPresent(text -> Ctp01LineWriter.checkField("message", text, false));
    }

    public static AuthorizeReply accept() {
        return new AuthorizeReply(true, Optional.empty());
    }

    public static AuthorizeReply reject(String message) {
        return new AuthorizeReply(false, Optional.ofNullable(message));
    }
}
