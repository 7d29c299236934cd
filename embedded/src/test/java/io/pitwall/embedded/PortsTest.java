package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @TempDir
    Path dir;

    @Test
    void aFixedPortWins() {
        assertThat(Ports.resolve(9092, true, OptionalInt.of(1234), () -> 5555)).isEqualTo(9092);
    }

    @Test
    void portZeroTakesAFreePort() {
        assertThat(Ports.resolve(0, false, OptionalInt.of(1234), () -> 5555)).isEqualTo(5555);
        assertThat(Ports.resolve(0, true, OptionalInt.empty(), () -> 5555)).isEqualTo(5555);
    }

    @Test
    void portZeroReusesTheRecordedPortWhenAsked() {
        assertThat(Ports.resolve(0, true, OptionalInt.of(1234), () -> 5555)).isEqualTo(1234);
    }

    @Test
    void outOfRangePortsAreRejected() {
        assertThatThrownBy(() -> Ports.resolve(-1, false, OptionalInt.empty(), () -> 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafka.builder(dir).port(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder(dir).port(-5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordedPortRoundTrips() {
        Path file = dir.resolve("broker.port");
        assertThat(Ports.readRecorded(file)).isEmpty();

        Ports.record(file, 41234);

        assertThat(Ports.readRecorded(file)).hasValue(41234);
    }

    @Test
    void aDamagedPortFileIsIgnored() throws Exception {
        Path file = dir.resolve("broker.port");
        Files.writeString(file, "not a port");
        assertThat(Ports.readRecorded(file)).isEmpty();
        Files.writeString(file, "99999");
        assertThat(Ports.readRecorded(file)).isEmpty();
    }

    @Test
    void aBoundPortIsNotFreeAndIsListening() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = socket.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.isListening(port)).isTrue();
        }
    }

    @Test
    void aFoundPortIsFree() {
        int port = Ports.findFree();
        assertThat(port).isBetween(1, 65_535);
        assertThat(Ports.isFree(port)).isTrue();
        assertThat(Ports.isListening(port)).isFalse();
    }
}
