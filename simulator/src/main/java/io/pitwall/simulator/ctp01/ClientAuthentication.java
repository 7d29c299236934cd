package io.pitwall.simulator.ctp01;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The box's side of CTP01 authentication: the string it sends in {@code authorize~<user>~<string>}.
 * Plaintext sends the password; hmac-* the HMAC keyed with the password over the seed; seed-* the
 * hash of seed + password. Digests in lower-case hex like the document's example.
 */
final class ClientAuthentication {

    private static final Set<String> METHODS =
            Set.of("none", "plaintext", "hmac-sha1", "hmac-md5", "seed-sha1", "seed-md5");

    private ClientAuthentication() {
    }

    static boolean isKnownMethod(String method) {
        return METHODS.contains(method.toLowerCase(Locale.ROOT));
    }

    static String answer(String method, String password, String seed) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] seedBytes = seed.getBytes(StandardCharsets.UTF_8);
        try {
            switch (method) {
                case "plaintext":
                    return password;
                case "hmac-sha1":
                    return hex(mac("HmacSHA1", secret, seedBytes));
                case "hmac-md5":
                    return hex(mac("HmacMD5", secret, seedBytes));
                case "seed-sha1":
                    return hex(MessageDigest.getInstance("SHA-1").digest(concat(seedBytes, secret)));
                case "seed-md5":
                    return hex(MessageDigest.getInstance("MD5").digest(concat(seedBytes, secret)));
                default:
                    throw new IllegalArgumentException("no authentication string for method " + method);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        // an empty HMAC key is the all-zero block; SecretKeySpec just refuses to hold zero bytes
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[] {0} : key, algorithm));
        return mac.doFinal(message);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
