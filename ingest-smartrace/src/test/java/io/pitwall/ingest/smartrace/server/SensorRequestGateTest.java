package io.pitwall.ingest.smartrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pitwall.events.Passing;
import io.pitwall.simulator.smartrace.SmartraceSensor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Venue selection by path and port, the token, and the connection limit, at the WebSocket upgrade. */
class SensorRequestGateTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TOKEN = "tr4ck-s3cret";

    final HttpClient http = HttpClient.newHttpClient();
    ServerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void selectsTheVenueByPathOrPort() throws Exception {
        harness = ServerHarness.builder().start();
        try (SmartraceSensor root = sensor(harness.uri("/"));
                SmartraceSensor byPath = sensor(harness.uri("/venues/club-b"));
                SmartraceSensor byPort = sensor(harness.venuePortUri())) {
            Instant t = Instant.now();
            root.lap(1, t);
            byPath.lap(2, t);
            byPort.lap(3, t);
            await().atMost(WAIT).until(() -> harness.sink.passings().size() == 3);

            assertThat(harness.sink.passings()).extracting(p -> p.getTransponder() + "@" + p.getVenueId())
                    .containsExactlyInAnyOrder("1@club-a", "2@club-b", "3@club-c");
            assertThat(harness.sink.passings()).extracting(Passing::getStreamId).allMatch(id -> id.startsWith("club-"));
        }
    }

    @Test
    void refusesUnknownVenuesWith404() throws Exception {
        harness = ServerHarness.builder().start();

        assertThat(upgradeStatus(harness.uri("/venues/elsewhere"))).isEqualTo(404);
        assertThat(upgradeStatus(harness.uri("/smartrace"))).isEqualTo(404);
        assertThat(harness.counter(SmartraceMetrics.REJECTED, "reason", "unknown_venue")).isEqualTo(2);
    }

    @Test
    void requiresTheTokenWhenOneIsSetAndNeverLogsIt() throws Exception {
        harness = ServerHarness.builder().token(TOKEN).start();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            assertThat(upgradeStatus(harness.uri("/"))).isEqualTo(401);
            assertThat(upgradeStatus(harness.uri("/?token=wrong-" + TOKEN))).isEqualTo(401);
            assertThat(upgradeStatus(harness.uri("/?token=" + TOKEN.substring(1)))).isEqualTo(401);

            WebSocket bearer = http.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                    .buildAsync(harness.uri("/venues/club-b"), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            bearer.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            try (SmartraceSensor sensor = sensor(harness.uri("/?token=" + TOKEN))) {
                sensor.lap(1, Instant.now());
                await().atMost(WAIT).until(() -> harness.sink.passings().size() == 1);
            }
            assertThat(harness.counter(SmartraceMetrics.REJECTED, "reason", "bad_token")).isEqualTo(3);
            assertThat(harness.sink.statuses()).allSatisfy(s -> assertThat(s.toString()).doesNotContain(TOKEN));
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).isNotEmpty();
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(TOKEN.substring(1)));
    }

    @Test
    void refusesConnectionsOverTheLimitWith503() throws Exception {
        harness = ServerHarness.builder().maxConnections(1).start();
        try (SmartraceSensor first = sensor(harness.uri("/"))) {
            assertThat(upgradeStatus(harness.uri("/"))).isEqualTo(503);
            assertThat(harness.counter(SmartraceMetrics.REJECTED, "reason", "too_many_connections")).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> harness.server.connections() == 0);
        try (SmartraceSensor next = sensor(harness.uri("/"))) {
            assertThat(next.isConnected()).as("the slot was released").isTrue();
        }
    }

    private SmartraceSensor sensor(URI uri) throws Exception {
        SmartraceSensor sensor = SmartraceSensor.builder(uri).build().start();
        sensor.awaitConnections(1, WAIT);
        return sensor;
    }

    private int upgradeStatus(URI uri) throws Exception {
        try {
            WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
