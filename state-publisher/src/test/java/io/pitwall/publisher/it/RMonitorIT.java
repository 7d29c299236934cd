package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.rmonitor.RMonitorLayouts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RMonitor TCP feed as a scoreboard reads it: every record parses with the protocol's layouts. */
@ExtendWith(KafkaClusterExtension.class)
class RMonitorIT {

    private static final String UUID = "dd203019f9fc49e2a954a3b9281a4927";

    @Test
    void aScoreboardGetsTheSessionThenCrossingsFlagsAndHeartbeats(KafkaCluster cluster) throws Exception {
        ObjectNode manifest = Fixtures.manifest(Fixtures.ELMS);
        ObjectNode green = Fixtures.withFlag(Fixtures.state(Fixtures.ELMS), "green");
        try (PublisherHarness h = new PublisherHarness(cluster, "rmonitor")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, green);
            h.start();
            try (Receiver scoreboard = new Receiver(h.publisher().rmonitorPort())) {
                List<String> opening = scoreboard.until(r -> r.startsWith("$F"), 10);
                assertThat(opening.get(0)).startsWith("$I,");
                assertThat(opening).filteredOn(r -> r.startsWith("$A,")).hasSize(40);
                assertThat(opening).filteredOn(r -> r.startsWith("$COMP,")).hasSize(40);
                assertThat(opening).filteredOn(r -> r.startsWith("$G,")).hasSize(40);
                assertThat(opening).filteredOn(r -> r.startsWith("$H,")).hasSize(40);
                assertThat(opening).contains("$C,1,\"LMP2\"").anyMatch(r -> r.startsWith("$B,"));
                assertThat(opening.get(opening.size() - 1)).endsWith("\"Green \"");

                List<String> beats = scoreboard.until(r -> r.startsWith("$F"), 3);
                assertThat(beats).as("a heartbeat about once a second").isNotEmpty();

                ObjectNode next = Fixtures.withFlag(Fixtures.withLap(Fixtures.advanced(green, 95, 0), manifest, "30", 96.5), "yellow");
                h.sendState(UUID, next);
                List<String> change = scoreboard.until(r -> r.startsWith("$F") && r.endsWith("\"Yellow\""), 10);
                assertThat(change).contains("$J,\"30\",\"00:01:36.500\",\"04:11:27.193\"");
                assertThat(change).anyMatch(r -> r.startsWith("$G,39,\"30\",18,"));

                h.endService(UUID);
                List<String> after = scoreboard.until(r -> r.startsWith("$I,"), 10);
                assertThat(after).isNotEmpty();
                assertThat(scoreboard.until(r -> r.startsWith("$F"), 3)).last().asString().endsWith("\"      \"");
                assertThat(scoreboard.invalid).as("records not matching the RMonitor layouts").isEmpty();
            }
        }
    }

    /** Reads CR LF records (Latin-1) on a background thread and checks each against the layouts. */
    private static final class Receiver implements AutoCloseable {
        private final Socket socket;
        private final BlockingQueue<String> records = new LinkedBlockingQueue<>();
        final List<String> invalid = new ArrayList<>();

        Receiver(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!RMonitorLayouts.valid(line)) {
                            synchronized (invalid) {
                                invalid.add(line);
                            }
                        }
                        records.add(line);
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "rmonitor-receiver");
            t.setDaemon(true);
            t.start();
        }

        /** Records up to and including the first matching {@code stop}; fails after {@code seconds}. */
        List<String> until(Predicate<String> stop, long seconds) throws InterruptedException {
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String r = records.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    out.add(r);
                    if (stop.test(r)) {
                        return out;
                    }
                }
            }
            throw new AssertionError("no matching record within " + seconds + " s; got " + out.size() + " records, last "
                    + (out.isEmpty() ? "none" : out.get(out.size() - 1)));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
