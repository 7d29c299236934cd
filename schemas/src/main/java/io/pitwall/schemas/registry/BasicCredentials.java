package io.pitwall.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP basic-auth credentials for the registry. {@link #toString()} never shows the password, so
 * the object is safe in logs and exception messages.
 */
public record BasicCredentials(String username, String password) {

    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses Confluent's {@code basic.auth.user.info} form {@code username:password}. The password
     * may itself contain colons; only the first one separates.
     */
    public static BasicCredentials parseUserInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("basic auth user info must have the form username:password");
        }
        return new BasicCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /** Value of the {@code Authorization} header (RFC 7617, UTF-8). */
    public String authorizationHeader() {
        byte[] token = (username + ':' + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(token);
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=******]";
    }
}
