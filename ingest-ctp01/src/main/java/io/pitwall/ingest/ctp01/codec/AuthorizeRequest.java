package io.pitwall.ingest.ctp01.codec;

/**
 * {@code authorize~<user-id>~<authentication-string>}: the password itself, or a digest of it,
 * depending on the requested {@link AuthenticationMethod}. {@link #toString()} never shows the
 * authentication string.
 */
public record AuthorizeRequest(String userId, String authenticationString) implements Ctp01Message {

    @Override
    public String toString() {
        return "AuthorizeRequest[userId=" + userId + ", authenticationString=<redacted>]";
    }
}
