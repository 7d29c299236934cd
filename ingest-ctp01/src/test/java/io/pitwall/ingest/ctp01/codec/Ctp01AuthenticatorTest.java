package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Ctp01AuthenticatorTest {

    private static final String SEED = "3f1c0e5b9a7d4c2e8b6a1f0d9c8e7b6a";
    private static final String PASSWORD = "Ch€ckered-flag~1";

    /** Hand-verified vectors: RFC 2202 test case 2 and the FIPS 180 / RFC 1321 "abc" digests. */
    @Test
    void publishedTestVectors() {
        String rfc2202Message = "what do ya want for nothing?";
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1, "Jefe", rfc2202Message))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_MD5, "Jefe", rfc2202Message))
                .isEqualTo("750c783e6ab0b503eaa86e310a5db738");
        // seed "a" + password "bc" hashes the string "abc"
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.SEED_SHA1, "bc", "a"))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.SEED_MD5, "bc", "a"))
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.PLAINTEXT, "bc", "a")).isEqualTo("bc");
    }

    @Test
    void digestsMatchAnIndependentComputation() throws Exception {
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1, PASSWORD, SEED))
                .isEqualTo(hmac("HmacSHA1", PASSWORD, SEED));
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_MD5, PASSWORD, SEED))
                .isEqualTo(hmac("HmacMD5", PASSWORD, SEED));
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.SEED_SHA1, PASSWORD, SEED))
                .isEqualTo(hash("SHA-1", SEED + PASSWORD));
        assertThat(Ctp01Authenticator.authenticationString(AuthenticationMethod.SEED_MD5, PASSWORD, SEED))
                .isEqualTo(hash("MD5", SEED + PASSWORD));
    }

    @Test
    void theDocumentsExampleIsShapedLikeOurSha1Output() {
        // authorize~TimersRus~b617318655057264e28bc0b6fb378c8ef146be00: 40 lower-case hex digits
        String ours = Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1, PASSWORD, SEED);
        assertThat(ours).matches("[0-9a-f]{40}");
        assertThat("b617318655057264e28bc0b6fb378c8ef146be00").matches("[0-9a-f]{40}");
    }

    @ParameterizedTest
    @EnumSource(value = AuthenticationMethod.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void rightPasswordPassesWrongPasswordAndWrongSeedFail(AuthenticationMethod method) {
        String answer = Ctp01Authenticator.authenticationString(method, PASSWORD, SEED);
        assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED, answer)).isTrue();
        assertThat(Ctp01Authenticator.verify(method, PASSWORD + "x", SEED, answer)).isFalse();
        assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED, answer + "0")).isFalse();
        assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED, "")).isFalse();
        assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED, null)).isFalse();
        if (method.requiresSeed()) {
            assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED + "1", answer))
                    .as("an answer computed for another connection's seed is a replay").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = AuthenticationMethod.class, names = {"HMAC_SHA1", "HMAC_MD5", "SEED_SHA1", "SEED_MD5"})
    void digestsAreAcceptedInEitherHexCase(AuthenticationMethod method) {
        String answer = Ctp01Authenticator.authenticationString(method, PASSWORD, SEED);
        assertThat(Ctp01Authenticator.verify(method, PASSWORD, SEED, answer.toUpperCase(Locale.ROOT))).isTrue();
    }

    @Test
    void plaintextIsCaseSensitive() {
        assertThat(Ctp01Authenticator.verify(AuthenticationMethod.PLAINTEXT, "Secret", null, "Secret")).isTrue();
        assertThat(Ctp01Authenticator.verify(AuthenticationMethod.PLAINTEXT, "Secret", null, "secret")).isFalse();
    }

    @Test
    void anEmptyPasswordStillWorksForHmac() throws Exception {
        String answer = Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1, "", SEED);
        assertThat(answer).isEqualTo(hmacWithZeroKey(SEED));
        assertThat(Ctp01Authenticator.verify(AuthenticationMethod.HMAC_SHA1, "", SEED, answer)).isTrue();
    }

    @Test
    void noneHasNoAnswer() {
        assertThatThrownBy(() -> Ctp01Authenticator.authenticationString(AuthenticationMethod.NONE, "p", "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedsAreFreshAndSafeOnALine() {
        AuthenticationSeedGenerator generator = new AuthenticationSeedGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String seed = generator.nextSeed();
            assertThat(seed).matches("[0-9a-f]{32}");
            assertThat(seen.add(seed)).isTrue();
        }
    }

    private static String hmac(String algorithm, String key, String message) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC pads the key with zeros to the block size, so an empty key equals a 64-byte zero key. */
    private static String hmacWithZeroKey(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new byte[64], "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hash(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
