package io.pitwall.ingest.chronocloud.signature;

import io.pitwall.ingest.chronocloud.codec.Envelope;
import io.pitwall.ingest.chronocloud.codec.PduSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a PDU's {@code signature} against its station's public key.
 *
 * <p>What is signed: the document calls the signature a "data signature ... base64 encoded
 * SHA1withRSA", so the signed bytes are the PDU's {@code data} object, and since no canonical form is
 * defined, exactly as received (its JSON text, UTF-8). The envelope ({@code station}, {@code sent},
 * ...) is not covered. Both encodings are accepted: base64 (newer ChronoFly) and hexadecimal (older).
 *
 * <p>Thread-safe: a {@link Signature} object is made per check (a few microseconds next to the RSA
 * operation itself).
 */
public final class SignatureVerifier {

    private static final String ALGORITHM = "SHA1withRSA";

    private final StationKeys keys;

    public SignatureVerifier(StationKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Whether any station has a key; without one every PDU is {@link SignatureState#UNSIGNED}. */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    public SignatureCheck check(Envelope envelope) {
        Optional<PublicKey> key = keys.forStation(envelope.station());
        if (key.isEmpty()) {
            return SignatureCheck.UNSIGNED;
        }
        PduSignature signature = envelope.signature();
        List<byte[]> candidates = signature.candidates();
        if (candidates.isEmpty()) {
            return SignatureCheck.invalid(signature.text().isEmpty() ? "no signature"
                    : "signature is neither base64 nor hexadecimal");
        }
        byte[] data = envelope.signedData().getBytes(StandardCharsets.UTF_8);
        for (byte[] candidate : candidates) {
            if (verifies(key.get(), data, candidate)) {
                return SignatureCheck.VERIFIED;
            }
        }
        return SignatureCheck.invalid("signature does not match the data (" + signature.encoding().name().toLowerCase(Locale.ROOT)
                + ", " + candidates.get(candidates.size() - 1).length + " bytes)");
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or shape is simply not a match
            return false;
        }
    }
}
