package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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

    @Test
    void manyCallsFromSeveralThreadsGiveDistinctPortsEachBindableWhenReturned() throws Exception {
        int threads = 4;
        int callsPerThread = 125;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> unbindable = new ArrayList<>();
                    List<Integer> ports = new ArrayList<>();
                    for (int i = 0; i < callsPerThread; i++) {
                        int port = Ports.findFree();
                        ports.add(port);
                        if (!bindableSoon(port)) {
                            unbindable.add(port);
                        }
                    }
                    assertThat(unbindable).as("ports that could not be bound right after findFree returned them").isEmpty();
                    return ports;
                }));
            }
            start.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(all).hasSize(threads * callsPerThread).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPortTheProbeRepeatsIsNotHandedOutAgain() {
        PrimitiveIterator.OfInt probe = IntStream.of(41_000, 41_000, 41_000, 41_001).iterator();
        Set<Integer> handedOut = new HashSet<>();

        assertThat(Ports.findUnused(probe::nextInt, handedOut)).isEqualTo(41_000);
        assertThat(Ports.findUnused(probe::nextInt, handedOut)).isEqualTo(41_001);
    }

    @Test
    void aProbeThatOnlyRepeatsPortsEndsInAClearError() {
        Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
        handedOut.add(41_000);

        assertThatThrownBy(() -> Ports.findUnused(() -> 41_000, handedOut))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining(Ports.MAX_PROBES + " probes in a row")
                .hasMessageContaining("41000");
    }

    /**
     * Another thread's probe may hold the port for a few microseconds when the kernel offers it again (and
     * findFree then rejects it), so a failed bind is retried briefly; a port really in use stays unbindable.
     */
    private static boolean bindableSoon(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (Ports.isFree(port)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
