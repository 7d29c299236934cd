package io.pitwall.simulator.smartrace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.simulator.smartrace.StubSmartraceServer.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmartraceSensorTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Instant BOOT = Instant.parse("2024-08-04T12:00:00Z");

    final ObjectMapper json = new ObjectMapper();
    StubSmartraceServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new StubSmartraceServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void registersAfterTheApiVersionRepliesAndSendsLapsAsTheDocumentShows() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri())
                .counter(SensorCounter.microcontroller(BOOT, 1_722_773_108_999L % (1L << 32), 32)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.lap(2, BOOT);
            sensor.pitEnter(2);
            sensor.pitLeave(2, BOOT.plusSeconds(9));
            awaitReceived(5);

            assertThat(server.texts()).containsExactly(
                    "{\"type\":\"api_version\"}",
                    "{\"type\":\"controller_set\",\"data\":{\"controller_id\":\"Z\"}}",
                    "{\"type\":\"analog_lap\",\"data\":{\"timestamp\":" + 1_722_773_108_999L % (1L << 32) + ",\"controller_id\":2}}",
                    "{\"type\":\"analog_pit_enter\",\"data\":{\"controller_id\":2}}",
                    "{\"type\":\"analog_pit_leave\",\"data\":{\"controller_id\":2}}");
            assertThat(sensor.received("api_version")).hasSize(1);
            assertThat(sensor.received().stream().map(ServerFrame::type))
                    .containsExactly("update_controller_data", "update_server_info", "api_version");
        }
    }

    @Test
    void registersAfterASecondWhenTheServerDoesNotAnswer() throws Exception {
        server.answerApiVersion(false);
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).build().start()) {
            sensor.awaitConnections(1, WAIT);
            awaitReceived(2);
            assertThat(server.texts()).last().asString().contains("controller_set");
        }
    }

    @Test
    void canSkipApiVersionAndWriteSpacedJsonInAnotherKeyOrder() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).skipApiVersion(true)
                .jsonStyle(JsonStyle.SPACED).counter(SensorCounter.microcontroller(BOOT, 0, 32)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.lap(4, BOOT.plusMillis(1234));
            sensor.raceControl("VSC");
            awaitReceived(3);

            List<String> texts = server.texts();
            assertThat(texts.get(0)).isEqualTo("{ \"data\": { \"controller_id\": \"Z\" }, \"type\": \"controller_set\" }");
            assertThat(texts.get(1)).isEqualTo("{ \"data\": { \"controller_id\": 4, \"timestamp\": 1234 }, \"type\": \"analog_lap\" }");
            JsonNode lap = json.readTree(texts.get(1));
            assertThat(lap.get("data").get("timestamp").isIntegralNumber()).isTrue();
            assertThat(json.readTree(texts.get(2))).isEqualTo(json.readTree("{\"type\":\"race_control\",\"data\":{\"value\":\"vsc\"}}"));
        }
    }

    @Test
    void microcontrollerReSendsItsLastTwoLapsAfterAReconnect() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).reconnectDelay(Duration.ofMillis(50))
                .counter(SensorCounter.microcontroller(BOOT, 0, 30)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.lap(1, BOOT.plusMillis(1_000));
            sensor.lap(2, BOOT.plusMillis(2_000));
            sensor.lap(1, BOOT.plusMillis(3_000));
            awaitReceived(5);

            server.dropConnections();
            sensor.awaitConnections(2, WAIT);
            awaitReceived(9);

            List<Received> second = server.received().stream().filter(r -> r.connection() == 2).toList();
            assertThat(second).extracting(Received::text).containsExactly(
                    "{\"type\":\"api_version\"}",
                    "{\"type\":\"controller_set\",\"data\":{\"controller_id\":\"Z\"}}",
                    "{\"type\":\"analog_lap\",\"data\":{\"timestamp\":2000,\"controller_id\":2}}",
                    "{\"type\":\"analog_lap\",\"data\":{\"timestamp\":3000,\"controller_id\":1}}");
            assertThat(sensor.sent()).filteredOn(SentFrame::resent).hasSize(2);
        }
    }

    @Test
    void phonesDoNotReSend() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).reconnectDelay(Duration.ofMillis(50))
                .counter(SensorCounter.phone(Duration.ZERO)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.lap(1, BOOT);
            awaitReceived(3);
            assertThat(server.texts().get(2)).contains("\"timestamp\":" + BOOT.toEpochMilli());

            server.dropConnections();
            sensor.awaitConnections(2, WAIT);
            awaitReceived(5);
            Thread.sleep(200);
            assertThat(server.received()).filteredOn(r -> r.connection() == 2).hasSize(2);
        }
    }

    @Test
    void flplSendsPitLeaveAndLapForOneCrossing() throws Exception {
        try (SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).flpl(true)
                .counter(SensorCounter.microcontroller(BOOT, 0, 32)).build().start()) {
            sensor.awaitConnections(1, WAIT);
            sensor.pitLeave(3, BOOT.plusMillis(7_777));
            awaitReceived(4);

            assertThat(server.texts().subList(2, 4)).containsExactly(
                    "{\"type\":\"analog_pit_leave\",\"data\":{\"controller_id\":3}}",
                    "{\"type\":\"analog_lap\",\"data\":{\"timestamp\":7777,\"controller_id\":3}}");
        }
    }

    @Test
    void lapsWhileDisconnectedAreLostExceptTheOnesReSent() throws Exception {
        SmartraceSensor sensor = SmartraceSensor.builder(server.uri()).reconnectDelay(Duration.ofMillis(300))
                .counter(SensorCounter.microcontroller(BOOT, 0, 32)).build().start();
        try (sensor) {
            sensor.awaitConnections(1, WAIT);
            server.dropConnections();
            server.close(); // nobody to reconnect to for now
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sensor.isConnected()) {
                assertThat(System.nanoTime() - deadline).as("disconnected within %s", WAIT).isNegative();
                Thread.sleep(10);
            }
            int before = sensor.sent().size();
            sensor.lap(1, BOOT.plusMillis(1));
            sensor.pitEnter(1);
            assertThat(sensor.sent()).hasSize(before);
        }
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.received().size() < count) {
            assertThat(System.nanoTime() - deadline).as("%d frames within %s, got %s", count, WAIT, server.texts()).isNegative();
            Thread.sleep(10);
        }
    }
}
