package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.embedded.Ports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructurePortTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheUsualPortOnlyWhenItIsFreeAndAnExplicitOneAlways() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int busy = taken.getLocalPort();

            assertThat(LocalInfrastructure.port(null, busy, dir.resolve("none"))).isNotEqualTo(busy).isPositive();
            assertThat(LocalInfrastructure.port(busy, 9092, dir.resolve("none"))).isEqualTo(busy);
        }
    }

    @Test
    void shouldKeepTheLastRunsPortForAFreePortWhileItIsFree() throws Exception {
        int free = Ports.findFree();
        Path recorded = Files.writeString(dir.resolve("broker.port"), free + "\n");

        assertThat(LocalInfrastructure.port(0, 9092, recorded)).isEqualTo(free);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), free));
            assertThat(LocalInfrastructure.port(0, 9092, recorded)).isNotEqualTo(free);
        }
    }
}
