package io.pitwall.ingest.ctp01.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the authentication string of {@code authorize~<user>~<string>}.
 *
 * <ul>
 *   <li>plaintext: the password itself;</li>
 *   <li>hmac-sha1 / hmac-md5: HMAC with the password as key over the seed as message;</li>
 *   <li>seed-sha1 / seed-md5: the hash of seed followed by password.</li>
 * </ul>
 * Strings are UTF-8; digests are lower-case hex as in the document's example
 * ({@code b617318655057264e28bc0b6fb378c8ef146be00}). Verification accepts either hex case, which
 * costs nothing in strength, and compares in constant time over equal-length digests of both sides
 * so neither the content nor the length of the secret leaks through timing.
 */
public final class Ctp01Authenticator {

    private static final HexFormat HEX = HexFormat.of();

    private Ctp01Authenticator() {
    }

    /** The string a client with {@code password} must send for {@code method} and {@code seed}. */
    public static String authenticationString(AuthenticationMethod method, String password, String seed) {
        Objects.requireNonNull(password, "password");
        if (method.requiresSeed()) {
            Objects.requireNonNull(seed, "seed");
        }
        switch (method) {
            case PLAINTEXT:
                return password;
            case HMAC_SHA1:
                return HEX.formatHex(hmac("HmacSHA1", password, seed));
            case HMAC_MD5:
                return HEX.formatHex(hmac("HmacMD5", password, seed));
            case SEED_SHA1:
                return HEX.formatHex(digest("SHA-1", seed + password));
            case SEED_MD5:
                return HEX.formatHex(digest("MD5", seed + password));
            default:
                throw new IllegalArgumentException("authentication=none has no authentication string");
        }
    }

    /**
     * Whether {@code presented} is the right answer for {@code password} under {@code method} and
     * {@code seed}.
     */
    public static boolean verify(AuthenticationMethod method, String password, String seed, String presented) {
        if (presented == null) {
            return false;
        }
        String expected = authenticationString(method, password, seed);
        String candidate = method == AuthenticationMethod.PLAINTEXT ? presented : presented.toLowerCase(Locale.ROOT);
        return MessageDigest.isEqual(digest("SHA-256", expected), digest("SHA-256", candidate));
    }

    private static byte[] hmac(String algorithm, String key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            // SecretKeySpec refuses an empty key; HMAC defines it as all-zero padding, same result
            mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
