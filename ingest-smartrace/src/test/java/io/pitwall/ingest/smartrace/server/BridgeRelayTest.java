package io.pitwall.ingest.smartrace.server;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.control;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.events.ControlAction;
import io.pitwall.ingest.smartrace.bridge.BridgeMetrics;
import io.pitwall.ingest.smartrace.bridge.StandInSmartrace;
import io.pitwall.simulator.smartrace.SensorCounter;
import io.pitwall.simulator.smartrace.SentFrame;
import io.pitwall.simulator.smartrace.ServerFrame;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bridge mode against a stand-in Smartrace Connect, Kafka replaced by a recording sink. */
class BridgeRelayTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    StandInSmartrace tablet;
    ServerHarness harness;

    @BeforeEach
    void start() throws Exception {
        tablet = new StandInSmartrace();
        harness = ServerHarness.builder().upstream(tablet.uri()).start();
    }

    @AfterEach
    void stop() {
        harness.close();
        tablet.close();
    }

    @Test
    void relaysTheSensorsFramesVerbatimAndTheTabletsRepliesBack() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/"))
                .counter(SensorCounter.microcontroller(Instant.now(), 0, 32)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            await().atMost(WAIT).until(() -> harness.bridgeMetrics.openUpstreams("club-a") == 1);
            sensor.lap(1, Instant.now());
            sensor.sendRaw("{ \"type\" : \"not_for_pitwall\" }");
            await().atMost(WAIT).until(() -> tablet.texts(1).size() == 4);

            List<String> sent = sensor.sent().stream().map(SentFrame::text).toList();
            assertThat(tablet.texts(1)).as("each frame once, byte for byte").containsExactlyElementsOf(sent);
            ServerFrame fromTablet = sensor.awaitReceived(f -> f.text().equals(StandInSmartrace.CONTROLLER_DATA), WAIT);
            assertThat(fromTablet.type()).isEqualTo("update_controller_data");

            tablet.push("{\"type\":\"update_event_status\",\"data\":\"starting\"}");
            sensor.awaitReceived(f -> f.text().equals("{\"type\":\"update_event_status\",\"data\":\"starting\"}"), WAIT);

            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 1);
            assertThat(harness.counter(BridgeMetrics.FRAMES, "direction", "to_upstream")).isEqualTo(4);
        }
    }

    @Test
    void leavesRaceStatusToTheTabletWhileItIsConnected() throws Exception {
        harness.venues.goLive();
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).build().start()) {
            sensor.awaitConnections(1, WAIT);
            await().atMost(WAIT).until(() -> harness.bridgeMetrics.openUpstreams("club-a") == 1);

            harness.venues.venue("club-a").orElseThrow().apply(control("club-a", ControlAction.START, null, Instant.now()));
            tablet.push("{\"type\":\"update_vsc_status\",\"data\":\"off\"}");
            sensor.awaitReceived(f -> f.type().equals("update_vsc_status"), WAIT);

            assertThat(sensor.received("update_event_status")).as("Pitwall stayed quiet").isEmpty();
        }
    }

    @Test
    void reconnectsToTheTabletOnItsOwnAndDeliversWhatTheSensorSentMeanwhile() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/"))
                .counter(SensorCounter.microcontroller(Instant.now(), 0, 32)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            await().atMost(WAIT).until(() -> tablet.texts(1).size() == 2);

            tablet.stop();
            await().atMost(WAIT).until(() -> harness.bridgeMetrics.openUpstreams("club-a") == 0);
            Instant t = Instant.now();
            sensor.lap(2, t);
            sensor.lap(3, t.plusMillis(300));
            await("Pitwall records while the tablet is away").atMost(WAIT)
                    .until(() -> harness.sink.passings().size() == 2);

            tablet.restart();
            await().atMost(WAIT).until(() -> tablet.texts(2).size() == 4);

            List<String> laps = sensor.sent().stream().map(SentFrame::text).filter(s -> s.contains("analog_lap")).toList();
            assertThat(tablet.texts(2)).containsExactly(
                    "{\"type\":\"api_version\"}",
                    "{\"type\":\"controller_set\",\"data\":{\"controller_id\":\"Z\"}}",
                    laps.get(0), laps.get(1));
            assertThat(sensor.connections()).as("the sensor never noticed").isEqualTo(1);
        }
    }
}
