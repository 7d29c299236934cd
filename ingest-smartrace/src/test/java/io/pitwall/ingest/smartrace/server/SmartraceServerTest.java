package io.pitwall.ingest.smartrace.server;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.control;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.ControlAction;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.simulator.smartrace.JsonStyle;
import io.pitwall.simulator.smartrace.SensorCounter;
import io.pitwall.simulator.smartrace.ServerFrame;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sensor server end to end over loopback with the simulated sensor, Kafka replaced by a recording sink. */
class SmartraceServerTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final ObjectMapper json = new ObjectMapper();
    ServerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = ServerHarness.builder().start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void answersTheHandshakeLikeSmartraceConnect() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).build().start()) {
            sensor.awaitConnections(1, WAIT);

            List<ServerFrame> replies = sensor.received();
            assertThat(replies).extracting(ServerFrame::type)
                    .containsExactly("update_controller_data", "update_server_info", "api_version");
            JsonNode controllers = json.readTree(replies.get(0).text()).get("data");
            assertThat(controllers.size()).isEqualTo(6);
            assertThat(controllers.get("1").get("driver").asText()).isEqualTo("Not assigned");
            assertThat(replies.get(1).text()).isEqualTo("{\"type\":\"update_server_info\",\"data\":{\"is_subscribed\":false}}");
            assertThat(replies.get(2).text()).isEqualTo("{\"type\":\"api_version\",\"data\":{\"api_version\":7}}");
            await().atMost(WAIT).until(() -> harness.sink.statuses().stream().anyMatch(s -> s.getKind() == DecoderStatusKind.CONNECTED));
            assertThat(harness.reads.size()).as("under back-pressure control").isEqualTo(1);
        }
    }

    @Test
    void publishesLapsOfSeveralControllersWithTheSensorsTimingAcrossACounterWrap() throws Exception {
        Instant boot = Instant.now();
        // the counter wraps at 2^30 three seconds from now
        SensorCounter counter = SensorCounter.microcontroller(boot, (1L << 30) - 3_000, 30);
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).counter(counter)
                .jsonStyle(JsonStyle.SPACED).build().start()) {
            sensor.awaitConnections(1, WAIT);
            Instant first = Instant.now();
            List<Instant> crossings = List.of(first, first.plusMillis(1_234), first.plusMillis(2_900), first.plusMillis(3_100),
                    first.plusMillis(6_543));
            int[] controllers = {1, 2, 3, 1, 2};
            for (int i = 0; i < crossings.size(); i++) {
                sensor.lap(controllers[i], crossings.get(i));
            }
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 5);

            List<Passing> passings = harness.sink.passings();
            assertThat(passings).extracting(Passing::getSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(passings).extracting(Passing::getTransponder).containsExactly("1", "2", "3", "1", "2");
            assertThat(passings).extracting(Passing::getVenueId).containsOnly("club-a");
            assertThat(passings).extracting(Passing::getLine).containsOnly(LineKind.FINISH);
            assertThat(passings).extracting(Passing::getStreamId).containsOnly(passings.get(0).getStreamId());
            for (int i = 1; i < passings.size(); i++) {
                assertThat(Duration.between(passings.get(0).getPassingTime(), passings.get(i).getPassingTime()))
                        .as("crossing %d relative to the first, across the wrap", i)
                        .isEqualTo(Duration.between(crossings.get(0), crossings.get(i)));
            }
            assertThat(Long.parseLong(passings.get(4).getAttributes().get("sensorTimestamp")))
                    .as("the raw counter wrapped").isLessThan(10_000);
            assertThat(harness.counter(SmartraceMetrics.WRAPS, "venue", "club-a")).isEqualTo(1);
        }
    }

    @Test
    void reSentLapsAfterAReconnectArePublishedOnce() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).reconnectDelay(Duration.ofMillis(50)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            Instant t = Instant.now();
            sensor.lap(1, t);
            sensor.lap(2, t.plusMillis(400));
            sensor.lap(1, t.plusMillis(5_000));
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 3);

            sensor.dropConnection();
            sensor.awaitConnections(2, WAIT);
            await().atMost(WAIT).until(() -> harness.counter(SmartraceMetrics.DUPLICATES, "venue", "club-a") == 2);
            sensor.lap(2, t.plusMillis(5_600));
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 4);

            List<Passing> passings = harness.sink.passings();
            Passing after = passings.get(3);
            assertThat(after.getSequence()).as("first crossing of the new connection").isEqualTo(1);
            assertThat(after.getStreamEpoch()).isGreaterThan(passings.get(0).getStreamEpoch());
            assertThat(Duration.between(passings.get(1).getPassingTime(), after.getPassingTime()))
                    .as("lap time of controller 2 across the reconnect").isEqualTo(Duration.ofMillis(5_200));
            assertThat(harness.sink.statuses()).extracting(s -> s.getKind())
                    .contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.DISCONNECTED);
        }
    }

    /**
     * A Wi-Fi outage while cars race, in real time: the two laps made while the sensor is offline arrive
     * over a second late, re-sent on reconnect, yet get their crossing times; every lap time spanning the
     * outage is the sensor's own to the millisecond.
     */
    @Test
    void lapsMadeWhileTheSensorIsDisconnectedKeepTheirExactTimes() throws Exception {
        harness.close();
        harness = ServerHarness.builder().realTime().start();
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).reconnectDelay(Duration.ofMillis(1_200))
                .build().start()) {
            sensor.awaitConnections(1, WAIT);
            Instant car1 = Instant.now();
            sensor.lap(1, car1);
            Thread.sleep(150);
            Instant car2 = Instant.now();
            sensor.lap(2, car2);
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 2);

            sensor.dropConnection();
            await().atMost(WAIT).until(() -> !sensor.isConnected());
            Thread.sleep(100);
            Instant car1Offline = Instant.now();
            sensor.lap(1, car1Offline);
            Thread.sleep(300);
            Instant car2Offline = Instant.now();
            sensor.lap(2, car2Offline);
            sensor.awaitConnections(2, WAIT);
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 4);
            Instant car1Live = Instant.now();
            sensor.lap(1, car1Live);
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 5);

            List<Passing> p = harness.sink.passings();
            assertThat(sensor.sent()).filteredOn(f -> f.resent()).as("re-sent on reconnect").hasSize(2);
            assertThat(p).extracting(Passing::getTransponder).containsExactly("1", "2", "1", "2", "1");
            assertThat(p.subList(2, 5)).extracting(Passing::getSequence).as("a new stream").containsExactly(1L, 2L, 3L);
            assertThat(p.get(2).getStreamEpoch()).isGreaterThan(p.get(0).getStreamEpoch());
            assertThat(lapMillis(p.get(0), p.get(2))).as("car 1's lap spanning the outage")
                    .isEqualTo(sensor.counterAt(car1Offline) - sensor.counterAt(car1));
            assertThat(lapMillis(p.get(1), p.get(3))).as("car 2's lap spanning the outage")
                    .isEqualTo(sensor.counterAt(car2Offline) - sensor.counterAt(car2));
            assertThat(lapMillis(p.get(2), p.get(4))).as("car 1's next lap")
                    .isEqualTo(sensor.counterAt(car1Live) - sensor.counterAt(car1Offline));
            // re-sent over a second after the crossing: anchoring to its arrival put it (and the laps after) that late
            assertThat(Duration.between(car1Offline, p.get(2).getPassingTime()).abs())
                    .as("the lap made offline at its crossing time").isLessThan(Duration.ofMillis(500));
            assertThat(harness.sink.statuses()).filteredOn(s -> s.getKind() == DecoderStatusKind.CLOCK_OFFSET)
                    .extracting(s -> s.getAttributes().get("carriedOver")).containsExactly("false", "true");
        }
    }

    private static long lapMillis(Passing from, Passing to) {
        return Duration.between(from.getPassingTime(), to.getPassingTime()).toMillis();
    }

    @Test
    void garbageIsCountedAndTheConnectionStaysUp() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.sendRaw("{not json");
            sensor.sendRaw("{\"type\":\"analog_lap\",\"data\":{\"timestamp\":5,\"controller_id\":\"2\"}}");
            sensor.sendRaw("{\"type\":\"teleport\"}");
            sensor.lap(2, Instant.now());

            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 1);
            assertThat(sensor.connections()).isEqualTo(1);
            assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "invalid_json")).isEqualTo(1);
            assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "wrong_field_type")).isEqualTo(1);
            assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "unknown_type")).isEqualTo(1);
            assertThat(harness.counter(MetricNames.RECEIVED, "venue", "club-a")).isEqualTo(6);
        }
    }

    @Test
    void pitMessagesAndTheFlplDoubleMessageBecomeOnePitExitAndOneLap() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).flpl(true).build().start()) {
            sensor.awaitConnections(1, WAIT);
            Instant t = Instant.now();
            sensor.lap(3, t);
            sensor.pitEnter(3);
            sensor.pitLeave(3, t.plusMillis(8_000));
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 4);

            List<Passing> passings = harness.sink.passings();
            assertThat(passings).extracting(Passing::getLine)
                    .containsExactly(LineKind.FINISH, LineKind.PIT_IN, LineKind.PIT_OUT, LineKind.FINISH);
            assertThat(passings.get(2).getPassingTime()).isEqualTo(passings.get(3).getPassingTime());
            assertThat(Duration.between(passings.get(0).getPassingTime(), passings.get(3).getPassingTime()))
                    .isEqualTo(Duration.ofMillis(8_000));
            assertThat(passings.get(2).getAttributes()).containsEntry("flpl", "true");
        }
    }

    @Test
    void raceControlIsPublishedAndRaceStatusIsPushedToTheSensors() throws Exception {
        harness.venues.goLive();
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/venues/club-b")).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.raceControl("start");
            await().atMost(WAIT).until(() -> harness.sink.controls().size() == 1);
            assertThat(harness.sink.controls().get(0).getAction()).isEqualTo(ControlAction.START);
            assertThat(harness.sink.all()).filteredOn(p -> p.topic().equals("timing.session-control"))
                    .extracting(RecordingSink.Published::venueId).containsExactly("club-b");

            // what the control feed does when that event comes back from Kafka
            harness.venues.venue("club-b").orElseThrow().apply(control("club-b", ControlAction.START, null, Instant.now()));

            ServerFrame status = sensor.awaitReceived(f -> f.type().equals("update_event_status"), WAIT);
            assertThat(status.text()).isEqualTo("{\"type\":\"update_event_status\",\"data\":\"running\"}");
            assertThat(sensor.received("update_event_status")).hasSize(1);
        }
    }

    @Test
    void aCrossingKafkaRefusesClosesTheConnectionSoTheSensorReSendsIt() throws Exception {
        harness.sink.refuse(e -> e instanceof Passing p && p.getTransponder().equals("4")
                && p.getStreamEpoch() == firstEpoch());
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).reconnectDelay(Duration.ofMillis(50)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.lap(4, Instant.now());

            sensor.awaitConnections(2, WAIT);
            await().atMost(WAIT).until(() -> harness.sink.passings().stream().anyMatch(p -> p.getTransponder().equals("4")));
            assertThat(harness.counter(SmartraceMetrics.UNCONFIRMED, "venue", "club-a")).isEqualTo(1);
            assertThat(harness.sink.passings()).filteredOn(p -> p.getTransponder().equals("4")).hasSize(1);
        }
    }

    @Test
    void keepsAQuietSensorAliveWithPings() throws Exception {
        harness.close();
        harness = ServerHarness.builder().keepAlive(Duration.ofMillis(100), Duration.ofMillis(400)).start();
        try (SmartraceSensor sensor = SmartraceSensor.builder(harness.uri("/")).build().start()) {
            sensor.awaitConnections(1, WAIT);
            Thread.sleep(1_200);
            assertThat(sensor.connections()).as("pongs count as life").isEqualTo(1);
            assertThat(sensor.isConnected()).isTrue();
        }
    }

    private long firstEpoch() {
        return harness.sink.statuses().stream().filter(s -> s.getKind() == DecoderStatusKind.CONNECTED)
                .map(s -> Long.parseLong(s.getAttributes().get("streamEpoch"))).findFirst().orElse(-1L);
    }
}
