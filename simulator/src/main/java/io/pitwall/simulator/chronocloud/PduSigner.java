package io.pitwall.simulator.chronocloud;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Produces the {@code signature} member of a PDU.
 *
 * <p>The document calls it a "data signature ... base64 encoded SHA1withRSA". The simulator reads that
 * literally: the signed bytes are the {@code data} object exactly as it appears in the PDU (its JSON
 * text, UTF-8), so a receiver can verify the bytes it received without re-serialising anything. Without
 * a key a station sends a fixed placeholder, as the document's own examples do ({@code aW52YWxpZA==} is
 * base64 for "invalid").
 */
public final class PduSigner {

    /** The placeholder of the document's examples. */
    public static final String PLACEHOLDER = "aW52YWxpZA==";

    private final PrivateKey key;
    private final SignatureEncoding encoding;
    private final String placeholder;

    private PduSigner(PrivateKey key, SignatureEncoding encoding, String placeholder) {
        this.key = key;
        this.encoding = encoding;
        this.placeholder = placeholder;
    }

    /** Signs with {@code key} (RSA) and writes the signature in {@code encoding}. */
    public static PduSigner rsa(PrivateKey key, SignatureEncoding encoding) {
        Objects.requireNonNull(key, "key");
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("ChronoFly signs with SHA1withRSA; got a " + key.getAlgorithm() + " key");
        }
        return new PduSigner(key, Objects.requireNonNull(encoding, "encoding"), null);
    }

    /** Sends {@code text} as the signature of every PDU (an unsigned or deliberately mis-signed station). */
    public static PduSigner fixed(String text) {
        return new PduSigner(null, null, Objects.requireNonNull(text, "text"));
    }

    /** The signature string for a PDU whose {@code data} member is {@code dataJson}. */
    public String sign(String dataJson) {
        if (key == null) {
            return placeholder;
        }
        try {
            Signature rsa = Signature.getInstance("SHA1withRSA");
            rsa.initSign(key);
            rsa.update(dataJson.getBytes(StandardCharsets.UTF_8));
            byte[] signature = rsa.sign();
            return encoding == SignatureEncoding.HEX
                    ? HexFormat.of().formatHex(signature)
                    : Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a PDU with the station key", e);
        }
    }
}
