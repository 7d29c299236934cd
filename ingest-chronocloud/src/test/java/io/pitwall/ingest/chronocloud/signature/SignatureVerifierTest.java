package io.pitwall.ingest.chronocloud.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.chronocloud.codec.ChronoCloudPdu;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature covers the data object as sent; both encodings; every way it can be wrong. */
class SignatureVerifierTest {

    static final KeyPair STATION = TestKeys.rsa(2048);
    static final KeyPair OTHER = TestKeys.rsa(2048);
    static final KeyPair OLD_STATION = TestKeys.rsa(512);
    static final String DATA = "{\"event\":\"passing\",\"id\":\"70\",\"type\":\"Track-Finish\",\"round\":\"R1\","
            + "\"time\":\"2024-05-12T14:00:01.250+03:00\",\"transponder\":\"7\",\"hits\":\"1\",\"lap\":\"3\"}";

    final PduDecoder decoder = new PduDecoder();
    final SignatureVerifier verifier = new SignatureVerifier(StationKeys.of(Map.of(
            "ChronoFly-1", STATION.getPublic(), "ChronoFly-old", OLD_STATION.getPublic())));

    ChronoCloudPdu pdu(String station, String signature, String data) {
        return (ChronoCloudPdu) decoder.decode("{\"station\":\"" + station + "\",\"competition\":\"c\",\"signature\":\""
                + signature + "\",\"sent\":\"2024-05-12T14:00:01.300+03:00\",\"data\":" + data + "}");
    }

    @Test
    void base64SignatureOverTheDataAsSentVerifies() {
        String signature = Base64.getEncoder().encodeToString(TestKeys.sign(STATION.getPrivate(), DATA));
        assertThat(verifier.check(pdu("ChronoFly-1", signature, DATA).envelope())).isEqualTo(SignatureCheck.VERIFIED);
    }

    @Test
    void hexSignatureOfAnOlderStationVerifies() {
        String signature = HexFormat.of().formatHex(TestKeys.sign(OLD_STATION.getPrivate(), DATA));
        assertThat(signature).hasSize(128);
        assertThat(verifier.check(pdu("ChronoFly-old", signature, DATA).envelope())).isEqualTo(SignatureCheck.VERIFIED);
    }

    @Test
    void theEnvelopeIsNotCoveredButEveryByteOfDataIs() {
        String signature = Base64.getEncoder().encodeToString(TestKeys.sign(STATION.getPrivate(), DATA));
        // same values, different spacing: a re-serialised copy is not what was signed
        String respaced = DATA.replace("\",\"", "\", \"");
        SignatureCheck check = verifier.check(pdu("ChronoFly-1", signature, respaced).envelope());
        assertThat(check.state()).isEqualTo(SignatureState.INVALID);
        assertThat(check.reason()).isEqualTo("signature does not match the data (base64, 256 bytes)");

        String tampered = DATA.replace("\"transponder\":\"7\"", "\"transponder\":\"8\"");
        assertThat(verifier.check(pdu("ChronoFly-1", signature, tampered).envelope()).isInvalid()).isTrue();
    }

    @Test
    void anotherKeysSignatureIsInvalid() {
        String signature = Base64.getEncoder().encodeToString(TestKeys.sign(OTHER.getPrivate(), DATA));
        assertThat(verifier.check(pdu("ChronoFly-1", signature, DATA).envelope()).isInvalid()).isTrue();
    }

    @Test
    void theDocumentsPlaceholderIsInvalidForAStationWithAKey() {
        SignatureCheck check = verifier.check(pdu("ChronoFly-1", "aW52YWxpZA==", DATA).envelope());
        assertThat(check.isInvalid()).isTrue();
        assertThat(check.reason()).contains("7 bytes");
    }

    @Test
    void missingOrUnreadableSignatureIsInvalidForAStationWithAKey() {
        assertThat(verifier.check(pdu("ChronoFly-1", "", DATA).envelope()).reason()).isEqualTo("no signature");
        assertThat(verifier.check(pdu("ChronoFly-1", "%%%", DATA).envelope()).reason())
                .isEqualTo("signature is neither base64 nor hexadecimal");
    }

    @Test
    void stationsWithoutAKeyAreUnsignedWhateverTheySend() {
        assertThat(verifier.check(pdu("ChronoFly-2", "aW52YWxpZA==", DATA).envelope())).isEqualTo(SignatureCheck.UNSIGNED);
        assertThat(verifier.check(pdu("ChronoFly-2", "", DATA).envelope())).isEqualTo(SignatureCheck.UNSIGNED);
        assertThat(new SignatureVerifier(StationKeys.none()).hasKeys()).isFalse();
    }
}
