package io.pitwall.ingest.smartrace.venue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The shared secret sensors on untrusted networks must present ({@code ?token=...} on the WebSocket
 * URL, or {@code Authorization: Bearer ...}). Compared in constant time: both sides are hashed to 32
 * bytes first, so neither the content nor the length of the expected token leaks through timing.
 * Never logged: {@link #toString()} hides it.
 */
public final class SensorToken {

    private final byte[] expectedDigest;

    private SensorToken(String token) {
        this.expectedDigest = sha256(token);
    }

    /** No token configured: every sensor is accepted. */
    public static Optional<SensorToken> of(Optional<String> configured) {
        return configured.filter(t -> !t.isEmpty()).map(SensorToken::new);
    }

    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SensorToken[<secret>]";
    }
}
