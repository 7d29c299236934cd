package io.pitwall.ingest.smartrace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.ingest.smartrace.bridge.StandInSmartrace;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.smartrace.SentFrame;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bridge mode of the running service: a sensor at a path venue is relayed to a stand-in Smartrace
 * Connect both ways while its laps land in Kafka.
 */
@ExtendWith(KafkaClusterExtension.class)
class SmartraceBridgeIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void relaysBothWaysWhilePitwallRecords(KafkaCluster cluster) throws Exception {
        String venue = "it-bridge-" + UUID.randomUUID().toString().substring(0, 8);
        PitwallCluster kafka = new PitwallCluster(cluster);
        SmartraceIngest ingest = new SmartraceIngest();
        try (StandInSmartrace tablet = new StandInSmartrace();
                RunningService running = kafka.startIngest(ingest, Map.of("SMARTRACE_VENUES", venue,
                        "SMARTRACE_BRIDGE_URLS", venue + "=" + tablet.uri(), "SMARTRACE_TOKEN", "t0k"))) {
            URI uri = URI.create("ws://127.0.0.1:" + ingest.server().port() + "/venues/" + venue + "?token=t0k");
            try (SmartraceSensor sensor = SmartraceSensor.builder(uri).build().start()) {
                sensor.awaitConnections(1, WAIT);
                await().atMost(WAIT).until(() -> tablet.texts(1).size() == 2);
                Instant t = Instant.now();
                sensor.lap(1, t);
                sensor.lap(2, t.plusMillis(5));
                tablet.push("{\"type\":\"update_event_status\",\"data\":\"running\"}");

                sensor.awaitReceived(f -> f.text().equals(StandInSmartrace.CONTROLLER_DATA), WAIT);
                sensor.awaitReceived(f -> f.text().equals("{\"type\":\"update_event_status\",\"data\":\"running\"}"), WAIT);
                await().atMost(WAIT).until(() -> tablet.texts(1).size() == 4);
                assertThat(tablet.texts(1)).containsExactlyElementsOf(sensor.sent().stream().map(SentFrame::text).toList());

                List<Passing> passings = kafka.readVenue(Topics.PASSINGS, venue, Passing.class, read -> read.size() >= 2, WAIT);
                assertThat(passings).extracting(Passing::getTransponder).containsExactly("1", "2");
            }
        }
    }
}
