package io.pitwall.ingest.chronocloud.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationKeysTest {

    @TempDir
    Path dir;

    @Test
    void oneFilePerStationNamedAfterIt() throws IOException {
        KeyPair a = TestKeys.rsa(2048);
        KeyPair b = TestKeys.rsa(1024);
        Files.writeString(dir.resolve("ChronoFly-1.pem"), TestKeys.publicPem(a.getPublic()));
        Files.writeString(dir.resolve("ChronoFly-2.pem"), TestKeys.publicPem(b.getPublic()));
        Files.writeString(dir.resolve("README.txt"), "not a key");
        Files.createDirectory(dir.resolve("..data"));

        StationKeys keys = StationKeys.load(dir);

        assertThat(keys.stations()).containsExactly("ChronoFly-1", "ChronoFly-2");
        assertThat(keys.forStation("ChronoFly-1")).contains(a.getPublic());
        assertThat(keys.forStation("ChronoFly-3")).isEmpty();
    }

    @Test
    void everyBadFileIsNamed() throws IOException {
        Files.writeString(dir.resolve("ChronoFly-1.pem"), TestKeys.privatePem(TestKeys.rsa(2048).getPrivate()));
        Files.writeString(dir.resolve("ChronoFly-2.pem"), "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("ChronoFly-3.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> StationKeys.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("ChronoFly-1.pem: not a PEM public key")
                .hasMessageContaining("ChronoFly-2.pem: the PEM body is not base64")
                .hasMessageContaining("ChronoFly-3.pem: not an RSA public key");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> StationKeys.load(dir.resolve("nope"))).hasMessageContaining("does not exist");
    }
}
