package io.pitwall.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.publisher.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stops reading (paused socket, real TCP back-pressure) while a 61-car session
 * updates 300 times: it must not make the publisher queue those updates, must not slow the other
 * clients, and once it reads again it must get the newest state, not a backlog.
 */
@ExtendWith(KafkaClusterExtension.class)
class SlowClientIT {

    private static final String UUID = "62c8d3416742477486f300543e3fe110";
    private static final int UPDATES = 300;
    /** What a 64 KiB kernel send buffer, 16 KiB Netty high-water mark and a small receive window can hold of 23 KiB states. */
    private static final int BUFFERED_AT_MOST = 30;

    @Test
    void aPausedClientStaysBoundedAndThenCatchesUpWithTheNewestState(KafkaCluster cluster) throws Exception {
        ObjectNode manifest = Fixtures.manifest(Fixtures.LM24);
        ObjectNode base = Fixtures.withFlag(Fixtures.state(Fixtures.LM24), "green");
        try (PublisherHarness h = new PublisherHarness(cluster, "slow")
                .with("write.buffer.high", "16k")
                .with("send.buffer", "64k")
                .with("slow.client.timeout", "2m")) {
            h.sendManifest(UUID, manifest);
            h.sendState(UUID, Fixtures.advanced(base, 0, 1));
            h.start();
            try (T71TestClient slow = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false, 4096);
                 T71TestClient fast = T71TestClient.connect(h.wsUrl("/t71/" + UUID), false)) {
                PublisherIT.collect(slow, 2);
                PublisherIT.collect(fast, 2);

                slow.pause();
                for (int i = 1; i <= UPDATES; i++) {
                    h.sendState(UUID, Fixtures.advanced(base, i, 1 + i));
                }
                long last = 1 + UPDATES;
                List<Long> fastSeen = new ArrayList<>();
                Awaitility.await("the fast client is not held up by the slow one").atMost(60, TimeUnit.SECONDS)
                        .until(() -> {
                            fast.drain().forEach(m -> fastSeen.add(stamp(m)));
                            return !fastSeen.isEmpty() && fastSeen.get(fastSeen.size() - 1) == last;
                        });
                Awaitility.await("the publisher conflates for the paused client").atMost(30, TimeUnit.SECONDS)
                        .until(() -> conflated(h) > 0);
                assertThat(slow.isOpen()).as("paused, not yet disconnected").isTrue();

                slow.resume();
                List<Long> slowSeen = new ArrayList<>();
                Awaitility.await("the slow client catches up with the newest state").atMost(60, TimeUnit.SECONDS)
                        .until(() -> {
                            slow.drain().forEach(m -> slowSeen.add(stamp(m)));
                            return !slowSeen.isEmpty() && slowSeen.get(slowSeen.size() - 1) == last;
                        });
                org.slf4j.LoggerFactory.getLogger(SlowClientIT.class).info(
                        "paused client got {} of {} updates after resuming; {} conflated", slowSeen.size(), UPDATES, conflated(h));
                // what it got is what fitted in the socket buffers while paused, then the newest: no backlog
                assertThat(slowSeen).isSorted().doesNotHaveDuplicates();
                assertThat(slowSeen.size()).as("updates delivered to the paused client").isLessThan(BUFFERED_AT_MOST);
                assertThat(conflated(h)).isGreaterThanOrEqualTo(UPDATES - slowSeen.size() - fastMissed(fastSeen));
            }
        }
    }

    private static long stamp(JsonNode message) {
        return message.path("state").path("lastUpdated").asLong();
    }

    /** Updates the follower itself skipped (several in one poll): nobody was sent those, so nobody conflated them. */
    private static int fastMissed(List<Long> fastSeen) {
        return UPDATES - fastSeen.size();
    }

    private static double conflated(PublisherHarness h) throws Exception {
        Matcher m = Pattern.compile("pitwall_publisher_updates_conflated_total\\{transport=\"t71\"} ([0-9.E]+)")
                .matcher(h.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
