package io.pitwall.ingest.smartrace.it;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.config;
import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.ControlAction;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.ingest.smartrace.SmartraceIngest;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.smartrace.JsonStyle;
import io.pitwall.simulator.smartrace.SensorCounter;
import io.pitwall.simulator.smartrace.ServerFrame;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole ingest against a real broker and schema registry with simulated sensors racing in real
 * time: laps of several controllers from three sensors (a microcontroller whose counter wraps at
 * 2^30 mid-race, one that wraps at 2^32 and reconnects, a phone whose clock is 7 s off) land in
 * {@code timing.passings} exactly once each, with the sensors' own lap times; race control goes to
 * Kafka and comes back to the sensors as race status.
 */
@ExtendWith(KafkaClusterExtension.class)
class SmartraceIngestIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    final ObjectMapper json = new ObjectMapper();

    /** What a sensor was told to report: controller and crossing instant. */
    record Sent(int controller, Instant at) {
    }

    @Test
    void lapsLandOnceWithTheirTimesAcrossWrapAndReconnectAndRaceControlRoundTrips(KafkaCluster cluster) throws Exception {
        String venue = "it-" + UUID.randomUUID().toString().substring(0, 8);
        PitwallCluster kafka = new PitwallCluster(cluster);
        Instant configured = Instant.now().minusSeconds(60);
        kafka.produce(Topics.SESSIONS, venue, config(venue, "race-1", configured,
                entry("7", "Nic", "BMW M4", "1"), entry("12", "Alex", "Ferrari 488", "2")));

        SmartraceIngest ingest = new SmartraceIngest();
        try (RunningService running = kafka.startIngest(ingest, Map.of("SMARTRACE_VENUE", venue))) {
            await().atMost(WAIT).until(ingest::controlFeedLive);
            URI uri = URI.create("ws://127.0.0.1:" + ingest.server().port() + "/");
            Instant boot = Instant.now();
            try (SmartraceSensor wrap30 = SmartraceSensor.builder(uri)
                            .counter(SensorCounter.microcontroller(boot, (1L << 30) - 1_500, 30)).build().start();
                    SmartraceSensor wrap32 = SmartraceSensor.builder(uri).jsonStyle(JsonStyle.SPACED).skipApiVersion(true)
                            .counter(SensorCounter.microcontroller(boot, (1L << 32) - 1_800, 32))
                            .reconnectDelay(Duration.ofMillis(100)).build().start();
                    SmartraceSensor phone = SmartraceSensor.builder(uri)
                            .counter(SensorCounter.phone(Duration.ofSeconds(7))).build().start()) {
                wrap30.awaitConnections(1, WAIT);
                wrap32.awaitConnections(1, WAIT);
                phone.awaitConnections(1, WAIT);

                JsonNode controllers = json.readTree(wrap30.received("update_controller_data").get(0).text()).get("data");
                assertThat(controllers.get("1").get("driver").asText()).isEqualTo("Nic");
                assertThat(controllers.get("2").get("car").asText()).isEqualTo("Ferrari 488");

                Map<SmartraceSensor, List<Sent>> sent = new HashMap<>();
                // about 3 s of racing in real time: both microcontroller counters wrap on the way
                for (int round = 0; round < 4; round++) {
                    lap(sent, wrap30, 1);
                    lap(sent, wrap32, 2);
                    lap(sent, phone, 3);
                    lap(sent, wrap30, 4);
                    Thread.sleep(800);
                }
                wrap32.dropConnection(); // re-sends its last two laps when back
                wrap32.awaitConnections(2, WAIT);
                lap(sent, wrap32, 2);
                wrap30.raceControl("start");

                int expected = sent.values().stream().mapToInt(List::size).sum();
                List<Passing> passings = kafka.readVenue(Topics.PASSINGS, venue, Passing.class,
                        read -> read.size() >= expected, WAIT);
                Thread.sleep(1_000); // anything doubled would arrive now
                passings = kafka.readVenue(Topics.PASSINGS, venue, Passing.class, read -> false, Duration.ofSeconds(3));

                assertThat(passings).hasSize(expected);
                assertThat(passings).extracting(Passing::getLine).containsOnly(LineKind.FINISH);
                assertThat(passings.stream().map(p -> p.getStreamId() + "@" + p.getStreamEpoch() + "#" + p.getSequence())
                        .distinct()).as("no two passings share a lap-processor key").hasSize(expected);
                assertThat(passings.stream().map(p -> p.getStreamId() + "@" + p.getStreamEpoch()).distinct())
                        .as("one stream per connection").hasSize(4);
                for (SmartraceSensor sensor : sent.keySet()) {
                    assertSensorTiming(sensor, sent.get(sensor), passings);
                }

                List<SessionControl> controls = kafka.readVenue(Topics.SESSION_CONTROL, venue, SessionControl.class,
                        read -> !read.isEmpty(), WAIT);
                assertThat(controls).singleElement().satisfies(c -> assertThat(c.getAction()).isEqualTo(ControlAction.START));
                for (SmartraceSensor sensor : List.of(wrap30, wrap32, phone)) {
                    ServerFrame status = sensor.awaitReceived(f -> f.type().equals("update_event_status")
                            && f.text().contains("running"), WAIT);
                    assertThat(status.text()).isEqualTo("{\"type\":\"update_event_status\",\"data\":\"running\"}");
                }

                List<DecoderStatus> statuses = kafka.readVenue(Topics.DECODER_STATUS, venue, DecoderStatus.class,
                        read -> read.stream().anyMatch(s -> s.getKind() == DecoderStatusKind.DISCONNECTED), WAIT);
                assertThat(statuses).extracting(DecoderStatus::getKind)
                        .contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.DISCONNECTED, DecoderStatusKind.CLOCK_OFFSET);
            }
        }
    }

    @Test
    void lapsReSentToARestartedIngestAreRecognisedAndKeepTheirTiming(KafkaCluster cluster) throws Exception {
        String venue = "it-restart-" + UUID.randomUUID().toString().substring(0, 8);
        PitwallCluster kafka = new PitwallCluster(cluster);
        int port = Ports.findFree();
        Map<String, String> options = Map.of("SMARTRACE_VENUE", venue, "SMARTRACE_PORT", Integer.toString(port));
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        Map<SmartraceSensor, List<Sent>> sent = new HashMap<>();
        try (SmartraceSensor sensor = SmartraceSensor.builder(uri).reconnectDelay(Duration.ofMillis(200)).build()) {
            try (RunningService first = kafka.startIngest(new SmartraceIngest(), options)) {
                sensor.start().awaitConnections(1, WAIT);
                lap(sent, sensor, 1);
                Thread.sleep(300);
                lap(sent, sensor, 2);
                kafka.readVenue(Topics.PASSINGS, venue, Passing.class, read -> read.size() == 2, WAIT);
            }
            // redeployed: the sensor reconnects to the new instance and re-sends both laps
            try (RunningService second = kafka.startIngest(new SmartraceIngest(), options)) {
                sensor.awaitConnections(2, WAIT);
                Thread.sleep(300);
                lap(sent, sensor, 1);
                List<Passing> passings = kafka.readVenue(Topics.PASSINGS, venue, Passing.class, read -> read.size() >= 3, WAIT);
                Thread.sleep(500);
                passings = kafka.readVenue(Topics.PASSINGS, venue, Passing.class, read -> false, Duration.ofSeconds(3));

                assertThat(passings).hasSize(3);
                assertSensorTiming(sensor, sent.get(sensor), passings);
            }
        }
    }

    private static void lap(Map<SmartraceSensor, List<Sent>> sent, SmartraceSensor sensor, int controller) {
        Instant now = Instant.now();
        sensor.lap(controller, now);
        sent.computeIfAbsent(sensor, s -> new ArrayList<>()).add(new Sent(controller, now));
    }

    /**
     * Each lap of the sensor is there once (by raw counter value), and the times between its laps are
     * the sensor's own to the millisecond (the counter truncates to ms), across the wrap and the
     * reconnect; every passing lies close to when the lap really happened.
     */
    private static void assertSensorTiming(SmartraceSensor sensor, List<Sent> laps, List<Passing> passings) {
        // a lap is identified as the ingest dedupes it: (controller, sensor counter). Two controllers of one
        // sensor can cross within the same millisecond, so the counter alone is not a key.
        Map<String, Passing> byCounter = passings.stream().collect(Collectors.toMap(
                p -> p.getTransponder() + "@" + p.getAttributes().get("sensorTimestamp"), p -> p, (a, b) -> {
                    throw new AssertionError("lap doubled: " + a + " / " + b);
                }));
        Sent first = laps.get(0);
        Passing firstPassing = byCounter.get(first.controller() + "@" + sensor.counterAt(first.at()));
        assertThat(firstPassing).as("first lap of a sensor").isNotNull();
        for (Sent lap : laps) {
            Passing passing = byCounter.get(lap.controller() + "@" + sensor.counterAt(lap.at()));
            assertThat(passing).as("lap of controller %d at %s", lap.controller(), lap.at()).isNotNull();
            assertThat(passing.getTransponder()).isEqualTo(Integer.toString(lap.controller()));
            long expected = Duration.between(first.at(), lap.at()).toMillis();
            long actual = Duration.between(firstPassing.getPassingTime(), passing.getPassingTime()).toMillis();
            assertThat(actual).as("time since the sensor's first lap").isBetween(expected - 1, expected + 1);
            assertThat(Duration.between(lap.at(), passing.getPassingTime()).abs())
                    .as("anchored close to the real crossing").isLessThan(Duration.ofSeconds(2));
        }
    }
}
