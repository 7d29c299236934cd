package io.pitwall.simulator.chronocloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.simulator.chronocloud.RecordingServer.Received;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated station against a recording server, checked against the ChronoCloud 2 document. */
class ChronoFlySimulatorTest {

    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    /** 2007-11-20T22:19:17.532+02:00, the document's example time. */
    static final Instant EXAMPLE_TIME = Instant.parse("2007-11-20T20:19:17.532Z");

    RecordingServer server;
    ChronoFlySimulator station;

    @BeforeEach
    void startServer() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        if (station != null) {
            station.close();
        }
        server.close();
    }

    ChronoFlySimulator.Builder station(Duration cycle) {
        return ChronoFlySimulator.builder(server.uri()).station("ChronoFly-12345").competition("166656")
                .round("ET 4 TC 9 Huhdanoja A").stationType("Route-TC-Finish").zone(HELSINKI).cycle(cycle)
                .reconnectDelay(Duration.ofMillis(50));
    }

    @Test
    void announcesItselfThenSendsPassingsShapedLikeTheDocumentsExample() throws Exception {
        station = station(Duration.ofMinutes(10)).version("1.2.30").build().start();
        Received connected = server.nextEvent("connected");
        assertThat(connected.text()).startsWith("{\"station\":\"ChronoFly-12345\",\"competition\":\"166656\",\"signature\":");
        assertThat(strings(connected.json().path("data"))).containsExactly(
                Map.entry("event", "connected"), Map.entry("id", "0"), Map.entry("version", "1.2.30"));
        assertThat(connected.json().path("signature").asText()).isEqualTo("aW52YWxpZA==");
        assertThat(connected.json().path("sent").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d");

        station.pass("7", EXAMPLE_TIME);
        station.pass("8", EXAMPLE_TIME.plusMillis(250), "Route-TC-Finish", 3);
        station.pass("7", EXAMPLE_TIME.plusSeconds(60));

        JsonNode first = server.nextEvent("passing").json();
        assertThat(first.path("station").asText()).isEqualTo("ChronoFly-12345");
        assertThat(first.path("competition").asText()).isEqualTo("166656");
        assertThat(strings(first.path("data"))).containsExactly(
                Map.entry("event", "passing"), Map.entry("id", "0"), Map.entry("type", "Route-TC-Finish"),
                Map.entry("round", "ET 4 TC 9 Huhdanoja A"), Map.entry("time", "2007-11-20T22:19:17.532+02:00"),
                Map.entry("tctime", "2007-11-20T22:19:00.000+02:00"), Map.entry("transponder", "7"),
                Map.entry("hits", "1"), Map.entry("lap", "1"));
        JsonNode second = server.nextEvent("passing").json().path("data");
        assertThat(second.path("id").asText()).isEqualTo("1");
        assertThat(second.path("hits").asText()).isEqualTo("3");
        assertThat(second.path("lap").asText()).isEqualTo("1");
        JsonNode third = server.nextEvent("passing").json().path("data");
        assertThat(third.path("id").asText()).isEqualTo("2");
        assertThat(third.path("lap").asText()).as("second time transponder 7 is seen this round").isEqualTo("2");
    }

    @Test
    void everyJsonValueIsAString() throws Exception {
        station = station(Duration.ofMillis(100)).build().start();
        station.malfunction(new Malfunction("java.net.SocketException: Connection timeout", "Unknown error", "1"));
        station.pass("7", EXAMPLE_TIME);
        for (String event : List.of("connected", "passing", "keepalive", "malfunction")) {
            JsonNode pdu = server.nextEvent(event).json();
            List<JsonNode> values = new ArrayList<>();
            pdu.fields().forEachRemaining(e -> values.add(e.getValue()));
            pdu.path("data").fields().forEachRemaining(e -> values.add(e.getValue()));
            assertThat(values).as(event).allMatch(v -> v.isTextual() || v.isObject());
        }
    }

    @Test
    void resendsEveryUnconfirmedPassingOnTheNextCycleUntilConfirmed() throws Exception {
        station = station(Duration.ofMillis(150)).build().start();
        server.nextEvent("connected");
        station.pass("7", EXAMPLE_TIME);
        station.pass("8", EXAMPLE_TIME.plusSeconds(1));
        station.pass("9", EXAMPLE_TIME.plusSeconds(2));
        for (int i = 0; i < 3; i++) {
            server.nextEvent("passing");
        }
        server.send("bumb-1");
        awaitUnconfirmed(2);

        // a cycle that began after the confirmation starts with a keepalive and re-sends 0 and 2, never 1
        startOfAFreshCycle();
        assertThat(passingIdsUntilNextKeepalive()).containsExactly("0", "2");
        assertThat(station.unconfirmed()).extracting(SentPassing::id).containsExactly(0L, 2L);

        server.send("bumb-0");
        server.send("bumb-2");
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(10))).isTrue();
        startOfAFreshCycle();
        assertThat(passingIdsUntilNextKeepalive()).as("nothing left to re-send").isEmpty();
        assertThat(station.resends()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void keepaliveIsRepeatedUntilPongedAndItsIdRestartsWithEveryConnection() throws Exception {
        station = station(Duration.ofMillis(100)).build().start();
        server.nextEvent("connected");
        assertThat(keepaliveId()).isEqualTo("0");
        assertThat(keepaliveId()).as("not ponged: the same keepalive again").isEqualTo("0");
        server.send("pong");
        // a cycle may still have begun before the pong arrived; the one after it moves on
        String id = keepaliveId();
        for (int cycles = 0; id.equals("0") && cycles < 5; cycles++) {
            id = keepaliveId();
        }
        assertThat(id).isEqualTo("1");

        station.dropConnection();
        server.next(r -> r.event().equals("connected") && r.connection() == 2);
        assertThat(server.next(r -> r.event().equals("keepalive") && r.connection() == 2).json().path("data").path("id").asText())
                .isEqualTo("0");
        assertThat(station.handshakes()).isEqualTo(2);
    }

    @Test
    void aRoundChangeRestartsIdsWhileOldRowsKeepTheirRound() throws Exception {
        station = station(Duration.ofMillis(150)).build().start();
        server.nextEvent("connected");
        station.pass("7", EXAMPLE_TIME);
        station.pass("8", EXAMPLE_TIME.plusSeconds(1));
        server.send("bumb-0");
        // the confirmation must be in before the new round's passing 0 exists, or it would confirm both
        awaitUnconfirmed(1);
        station.changeRound("ET 5");
        SentPassing afterChange = station.pass("7", EXAMPLE_TIME.plusSeconds(90));
        assertThat(afterChange.id()).isZero();
        assertThat(afterChange.round()).isEqualTo("ET 5");
        assertThat(afterChange.lap()).as("lap counts restart with the round").isEqualTo(1);

        Map<String, String> resent = new TreeMap<>();
        server.nextEvent("keepalive");
        for (int frames = 0; resent.size() < 2 && frames < 10; frames++) {
            JsonNode data = server.nextEvent("passing").json().path("data");
            resent.put(data.path("round").asText(), data.path("id").asText());
        }
        assertThat(resent).containsExactlyEntriesOf(new TreeMap<>(Map.of("ET 4 TC 9 Huhdanoja A", "1", "ET 5", "0")));

        station.clearTables();
        assertThat(station.pass("9", EXAMPLE_TIME.plusSeconds(120)).id()).isZero();
    }

    @Test
    void aConfirmationOnlyCountsOnTheConnectionThePassingWasSentOn() throws Exception {
        station = station(Duration.ofMinutes(10)).build().start();
        server.nextEvent("connected");
        station.pass("7", EXAMPLE_TIME);
        server.nextEvent("passing");
        station.dropConnection();
        server.next(r -> r.event().equals("connected") && r.connection() == 2);
        // passing 0 has not been re-sent on the new connection yet: this bumb-0 cannot be about it
        server.send("bumb-0");
        awaitConfirmations(1);
        assertThat(station.unconfirmed()).extracting(SentPassing::id).containsExactly(0L);
    }

    @Test
    void signsTheDataMemberAsSentWithSha1WithRsaInBothEncodings() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        for (SignatureEncoding encoding : SignatureEncoding.values()) {
            server.clear();
            try (ChronoFlySimulator signed = station(Duration.ofMinutes(10)).signWith(keys.getPrivate(), encoding).build().start()) {
                assertThat(signed.awaitConnected(Duration.ofSeconds(10))).isTrue();
                signed.pass("7", EXAMPLE_TIME);
                Received passing = server.nextEvent("passing");
                String text = passing.text();
                String data = text.substring(text.indexOf("\"data\":") + "\"data\":".length(), text.length() - 1);
                String signature = passing.json().path("signature").asText();
                byte[] bytes = encoding == SignatureEncoding.HEX
                        ? HexFormat.of().parseHex(signature) : Base64.getDecoder().decode(signature);
                if (encoding == SignatureEncoding.HEX) {
                    assertThat(signature).matches("[0-9a-f]+");
                }
                Signature verifier = Signature.getInstance("SHA1withRSA");
                verifier.initVerify(keys.getPublic());
                verifier.update(data.getBytes(StandardCharsets.UTF_8));
                assertThat(verifier.verify(bytes)).as(encoding.name()).isTrue();
            }
        }
    }

    @Test
    void olderStationsSendTheTimeOfDayOnly() throws Exception {
        station = station(Duration.ofMinutes(10)).timeStyle(TimeStyle.TIME_OF_DAY).build().start();
        server.nextEvent("connected");
        station.pass("7", EXAMPLE_TIME);
        JsonNode pdu = server.nextEvent("passing").json();
        assertThat(pdu.path("data").path("time").asText()).isEqualTo("22:19:17.532");
        assertThat(pdu.path("data").path("tctime").asText()).isEqualTo("22:19:00.000");
        assertThat(pdu.path("sent").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    }

    @Test
    void reportsAMalfunctionEveryCycleUntilCleared() throws Exception {
        station = station(Duration.ofMillis(100)).build().start();
        server.nextEvent("connected");
        Malfunction m = new Malfunction("java.net.SocketException: Connection timeout at com.enymind.drivers.MercuryComm.connect()",
                "Unknown error", "1");
        station.malfunction(m);
        JsonNode first = server.nextEvent("malfunction").json().path("data");
        assertThat(strings(first)).containsExactly(Map.entry("event", "malfunction"), Map.entry("message", m.message()),
                Map.entry("message2", "Unknown error"), Map.entry("type", "1"));
        server.nextEvent("malfunction");
        station.clearMalfunction();
        startOfAFreshCycle();
        assertThat(eventsUntilNextKeepalive()).doesNotContain("malfunction");
    }

    @Test
    void lostConfirmationsAreMadeUpForByResending() throws Exception {
        server.autoConfirm = true;
        station = station(Duration.ofMillis(100)).loseConfirmations(0.5, 42).build().start();
        for (int i = 0; i < 40; i++) {
            station.pass(Integer.toString(i % 7), EXAMPLE_TIME.plusSeconds(i));
        }
        assertThat(station.awaitAllConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(station.ignoredConfirmations()).isPositive();
        assertThat(station.resends()).isPositive();
    }

    @Test
    void theCommandLineDescribesItsOptions() {
        java.io.StringWriter out = new java.io.StringWriter();
        int status = new picocli.CommandLine(new ChronoFlySimulatorCommand()).setOut(new java.io.PrintWriter(out))
                .execute("--help");
        assertThat(status).isZero();
        assertThat(out.toString()).contains("--url", "--station", "--time-style", "--key", "--signature-encoding", "--cycle");
    }

    private String keepaliveId() throws InterruptedException {
        return server.nextEvent("keepalive").json().path("data").path("id").asText();
    }

    private List<String> passingIdsUntilNextKeepalive() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (true) {
            Received r = server.next(x -> true);
            if (r.event().equals("keepalive")) {
                return ids;
            }
            if (r.event().equals("passing")) {
                ids.add(r.json().path("data").path("id").asText());
            }
        }
    }

    private List<String> eventsUntilNextKeepalive() throws InterruptedException {
        List<String> events = new ArrayList<>();
        for (Received r = server.next(x -> true); !r.event().equals("keepalive"); r = server.next(x -> true)) {
            events.add(r.event());
        }
        return events;
    }

    /** Skips what earlier cycles sent: frames still in flight end before the second keepalive from now. */
    private void startOfAFreshCycle() throws InterruptedException {
        server.clear();
        server.nextEvent("keepalive");
        server.nextEvent("keepalive");
    }

    private void awaitUnconfirmed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (station.unconfirmed().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(station.unconfirmed()).hasSize(count);
    }

    private void awaitConfirmations(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (station.confirmationsReceived().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(station.confirmationsReceived()).hasSizeGreaterThanOrEqualTo(count);
    }

    private static List<Map.Entry<String, String>> strings(JsonNode object) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(e.getValue().isTextual()).as(e.getKey() + " is a string").isTrue();
            out.add(Map.entry(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
