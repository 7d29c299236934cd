package io.pitwall.simulator.ctp01;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.simulator.ctp01.ScriptedServer.Peer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated box against a server scripted line by line, checking every byte it writes. */
class ChronoTrackClientTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z"); // unix 1717236000
    private static final String SEED = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private ScriptedServer server;
    private ChronoTrackBox box;
    private ChronoTrackClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new ScriptedServer();
        box = ChronoTrackBox.builder("test-box").zone(ZoneOffset.UTC)
                .eventInfo("LA08", "12", "Los Angeles Marathon 2008").build();
        box.addLocation("start", T0.minusSeconds(3600));
        box.addLocation("finish", T0.minusSeconds(3600));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ChronoTrackClient connect(String password) {
        ClientConfig config = ClientConfig.of("127.0.0.1", server.port()).withCredentials("timer", password)
                .withReconnectDelay(Duration.ofMillis(50));
        client = new ChronoTrackClient(box, config);
        client.start();
        return client;
    }

    private Peer pushSession(String... extra) throws Exception {
        connect("");
        Peer peer = server.accept();
        List<String> requests = new ArrayList<>(List.of("location=multi", "stream-mode=push", "time-format=unix"));
        requests.addAll(List.of(extra));
        peer.handshake(requests.toArray(String[]::new));
        return peer;
    }

    private Peer pullSession(String... extra) throws Exception {
        connect("");
        Peer peer = server.accept();
        List<String> requests = new ArrayList<>(List.of("location=multi", "stream-mode=pull", "time-format=unix"));
        requests.addAll(List.of(extra));
        peer.handshake(requests.toArray(String[]::new));
        return peer;
    }

    private String readerOf(String location) {
        return box.locations().stream().filter(l -> l.name().equals(location)).findFirst().orElseThrow().readerId();
    }

    private List<String> readLines(Peer peer, int count) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(peer.readLine());
        }
        return lines;
    }

    @Test
    void speaksFirstAndAnswersTheGenericCommands() throws Exception {
        connect("");
        Peer peer = server.accept();
        assertThat(peer.handshake("location=multi", "stream-mode=pull")).isEqualTo("SimpleClient~0.5.0~CTP01");
        peer.send("getlocations");
        assertThat(peer.readLine()).isEqualTo("ack~getlocations~start~finish");
        peer.send("geteventinfo");
        assertThat(peer.readLine()).isEqualTo("ack~geteventinfo~LA08~12~Los Angeles Marathon 2008");
        peer.send("ping");
        assertThat(peer.readLine()).isEqualTo("ack~ping");
        peer.send("frobnicate");
        assertThat(peer.readLine()).isEqualTo("err~~unknown command");
        peer.send("start");
        assertThat(peer.readLine()).isEqualTo("err~start~not in push mode");
        assertThat(client.sessionsReady()).isEqualTo(1);
    }

    @Test
    void withoutRequestsTheNewestDefaultsApplySingleLocationAndPull() throws Exception {
        box.observe("start", "1", T0);
        box.observe("finish", "1", T0.plusSeconds(60));
        connect("");
        Peer peer = server.accept();
        peer.handshake();
        peer.send("getlocations");
        assertThat(peer.readLine()).isEqualTo("ack~getlocations~start");
        peer.send("getdata~10");
        assertThat(readLines(peer, 2)).containsExactly("ack~getdata~1",
                "CT01_33~1~start~1~10:00:00.00~0~" + readerOf("start") + "~1");
        peer.send("getdata~10~finish");
        assertThat(peer.readLine()).isEqualTo("err~getdata~invalid location");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plaintext", "hmac-sha1", "hmac-md5", "seed-sha1", "seed-md5"})
    void authorizesWithEveryMethodUsingTheServersSeed(String method) throws Exception {
        String password = "Sekr€t~1";
        connect(password);
        Peer peer = server.accept();
        peer.handshake("authentication=" + method, "authentication-seed=" + SEED);
        assertThat(peer.readLine()).isEqualTo("authorize~timer~" + expectedAnswer(method, password, SEED));
        assertThat(client.isReady()).isFalse();
        peer.send("ack~authorize");
        peer.send("ping");
        assertThat(peer.readLine()).isEqualTo("ack~ping");
        assertThat(client.isReady()).isTrue();
    }

    @Test
    void theWrongPasswordFaultIsRefusedAndTheBoxTriesAgain() throws Exception {
        connect("right");
        client.faults().wrongPassword(true);
        Peer first = server.accept();
        first.handshake("authentication=hmac-sha1", "authentication-seed=" + SEED);
        assertThat(first.readLine()).startsWith("authorize~timer~")
                .isNotEqualTo("authorize~timer~" + expectedAnswer("hmac-sha1", "right", SEED));
        first.send("err~authorize~invalid password");
        assertThat(first.closedByClient()).isTrue();
        waitUntil(() -> client.authorizationRejections() == 1);

        client.faults().wrongPassword(false);
        Peer second = server.accept();
        second.handshake("authentication=hmac-sha1", "authentication-seed=other-seed");
        assertThat(second.readLine()).isEqualTo("authorize~timer~" + expectedAnswer("hmac-sha1", "right", "other-seed"));
    }

    @Test
    void pushStartsFromTheRequestedSequenceAndFollowsNewReads() throws Exception {
        for (int i = 1; i <= 5; i++) {
            box.observe("finish", "10" + i, T0.plusMillis(1234L * i));
        }
        Peer peer = pushSession("pushmode-ack=true");
        String reader = readerOf("finish");
        peer.send("start~finish~3");
        assertThat(readLines(peer, 4)).containsExactly(
                "ack~start~finish",
                "CT01_33~3~finish~103~1717236003.70~0~" + reader + "~1",
                "CT01_33~4~finish~104~1717236004.93~0~" + reader + "~1",
                "CT01_33~5~finish~105~1717236006.17~0~" + reader + "~1");
        box.observe("finish", "106", T0.plusSeconds(10));
        assertThat(peer.readLine()).isEqualTo("CT01_33~6~finish~106~1717236010.00~0~" + reader + "~1");

        peer.send("stop~finish");
        assertThat(peer.readLine()).isEqualTo("ack~stop~finish");
        box.observe("finish", "107", T0.plusSeconds(11));
        assertThat(peer.silentFor(300)).isTrue();
        peer.send("start~finish~7");
        assertThat(readLines(peer, 2)).containsExactly("ack~start~finish",
                "CT01_33~7~finish~107~1717236011.00~0~" + reader + "~1");
    }

    @Test
    void startWithoutLocationStreamsEveryLocationInTheOrderReadsHappened() throws Exception {
        box.observe("start", "1", T0);
        box.observe("finish", "2", T0.plusSeconds(1));
        box.observe("start", "3", T0.plusSeconds(2));
        Peer peer = pushSession();
        peer.send("start");
        assertThat(readLines(peer, 3)).extracting(line -> line.split("~")[2] + "#" + line.split("~")[1])
                .containsExactly("start#1", "finish#1", "start#2");
        peer.send("start~nowhere");
        assertThat(peer.readLine()).isEqualTo("err~start~invalid location");
        peer.send("start~finish~0");
        assertThat(peer.readLine()).isEqualTo("err~start~invalid sequence number");
        peer.send("getdata~5");
        assertThat(peer.readLine()).isEqualTo("err~getdata~not in pull mode");
    }

    @Test
    void gunTimesArePushedOnlyWhenRequestedButKeepTheirSequenceNumber() throws Exception {
        box.gunTime("start", T0);
        box.observe("start", "7", T0.plusSeconds(1));
        Peer without = pushSession();
        without.send("start~start");
        assertThat(without.readLine()).startsWith("CT01_33~2~start~7~");
        client.close();

        Peer with = pushSession("guntimes=true");
        with.send("start~start");
        assertThat(readLines(with, 2)).containsExactly(
                "CT01_33~1~start~guntime~1717236000.00~0~" + box.controllerId() + "~0",
                "CT01_33~2~start~7~1717236001.00~0~" + readerOf("start") + "~1");
    }

    @Test
    void pullServesBatchesInArrivalOrderAndResumesFromASequence() throws Exception {
        box.gunTime("start", T0);
        box.observe("finish", "12", T0.plusSeconds(1));
        box.observe("start", "13", T0.plusSeconds(2));
        box.observe("finish", "14", T0.plusSeconds(3));
        box.observe("finish", "15", T0.plusSeconds(4));
        Peer peer = pullSession();
        String start = readerOf("start");
        String finish = readerOf("finish");
        peer.send("getdata~2");
        assertThat(readLines(peer, 3)).containsExactly("ack~getdata~2",
                "CT01_33~1~start~guntime~1717236000.00~0~" + box.controllerId() + "~0",
                "CT01_33~1~finish~12~1717236001.00~0~" + finish + "~1");
        peer.send("getdata~2");
        assertThat(readLines(peer, 3)).containsExactly("ack~getdata~2",
                "CT01_33~2~start~13~1717236002.00~0~" + start + "~1",
                "CT01_33~2~finish~14~1717236003.00~0~" + finish + "~1");
        peer.send("getdata~2");
        assertThat(readLines(peer, 2)).containsExactly("ack~getdata~1",
                "CT01_33~3~finish~15~1717236004.00~0~" + finish + "~1");
        peer.send("getdata~2");
        assertThat(peer.readLine()).isEqualTo("ack~getdata~0");

        peer.send("getdata~50~finish~2");
        assertThat(readLines(peer, 3)).containsExactly("ack~getdata~2",
                "CT01_33~2~finish~14~1717236003.00~0~" + finish + "~1",
                "CT01_33~3~finish~15~1717236004.00~0~" + finish + "~1");
        peer.send("getdata~x");
        assertThat(peer.readLine()).isEqualTo("err~getdata~invalid maxitems");
        peer.send("getdata~5~nowhere");
        assertThat(peer.readLine()).isEqualTo("err~getdata~invalid location");
        peer.send("getdata~5~finish~zero");
        assertThat(peer.readLine()).isEqualTo("err~getdata~invalid sequence number");
    }

    @Test
    void theConnectionIdIsStableAcrossReconnectsOfOneBox() throws Exception {
        connect("");
        Peer first = server.accept();
        first.handshake("location=multi");
        first.send("getconnectionid");
        String firstId = first.readLine();
        first.close();

        Peer second = server.accept();
        second.handshake("location=multi");
        second.send("getconnectionid");
        assertThat(second.readLine()).isEqualTo(firstId).isEqualTo("ack~getconnectionid~" + box.connectionId());
        assertThat(client.connections()).isEqualTo(2);
        assertThat(ChronoTrackBox.builder("test-box").build().connectionId()).isNotEqualTo(box.connectionId());
        assertThat(ChronoTrackBox.builder("x").connectionId("fixed-id").build().connectionId()).isEqualTo("fixed-id");
    }

    @Test
    void newLocationsAreAnnouncedButNeverStartedByThemselves() throws Exception {
        Peer peer = pushSession("newlocations=true");
        String controller = box.controllerId();
        assertThat(readLines(peer, 2)).containsExactly(
                "CT01_33~1~start~newlocation~1717232400.00~0~" + controller + "~0",
                "CT01_33~2~finish~newlocation~1717232400.00~0~" + controller + "~0");
        box.addLocation("30k", T0.plusSeconds(30));
        assertThat(peer.readLine()).isEqualTo("CT01_33~3~30k~newlocation~1717236030.00~0~" + controller + "~0");
        box.observe("30k", "99", T0.plusSeconds(40));
        assertThat(peer.silentFor(300)).isTrue();
        peer.send("start~30k");
        assertThat(peer.readLine()).isEqualTo("CT01_33~1~30k~99~1717236040.00~0~" + readerOf("30k") + "~1");
    }

    @Test
    void withConnectionIdRequestedNewLocationsWaitForGetConnectionId() throws Exception {
        Peer peer = pushSession("newlocations=true", "connection-id=true");
        assertThat(peer.silentFor(300)).isTrue();
        peer.send("getconnectionid");
        assertThat(readLines(peer, 3)).containsExactly("ack~getconnectionid~" + box.connectionId(),
                "CT01_33~1~start~newlocation~1717232400.00~0~" + box.controllerId() + "~0",
                "CT01_33~2~finish~newlocation~1717232400.00~0~" + box.controllerId() + "~0");
    }

    @Test
    void newLocationsAreNotAnnouncedInPullMode() throws Exception {
        Peer peer = pullSession("newlocations=true");
        box.addLocation("30k", T0);
        assertThat(peer.silentFor(300)).isTrue();
    }

    @Test
    void timeFormatsAndSeparatorsAsRequested() throws Exception {
        box = ChronoTrackBox.builder("berlin").zone(ZoneId.of("Europe/Berlin")).eventDate(LocalDate.of(2024, 6, 1))
                .build();
        box.observe("finish", "9478", Instant.parse("2024-06-01T06:29:10.299Z"));
        box.observe("finish", "9478", Instant.parse("2024-06-02T06:29:10.2Z"));
        box.observe("finish", "9478", Instant.parse("2024-06-05T04:12:32.37Z"));
        String reader = readerOf("finish");

        Peer normal = pullSession("time-format=normal");
        normal.send("getdata~3");
        assertThat(readLines(normal, 4)).containsExactly("ack~getdata~3",
                "CT01_33~1~finish~9478~08:29:10.29~0~" + reader + "~1",
                "CT01_33~2~finish~9478~32:29:10.20~0~" + reader + "~1",
                "CT01_33~3~finish~9478~102:12:32.37~0~" + reader + "~1");
        client.close();

        Peer iso = pullSession("time-format=iso", "tagevent-format=CT01_13");
        iso.send("getdata~1");
        assertThat(readLines(iso, 2)).containsExactly("ack~getdata~1",
                "CT01_13,1,finish,9478,2024-06-01T08:29:10.29,0," + reader + ",1");
        client.close();

        Peer unixLf = pullSession("tagevent-format=CT01_32");
        unixLf.send("getdata~1");
        assertThat(unixLf.readRawLine()).isEqualTo("ack~getdata~1\r\n");
        assertThat(unixLf.readRawLine()).isEqualTo("CT01_32~1~finish~9478~1717223350.29~0~" + reader + "~1\n");
    }

    @Test
    void unsupportedRequestsAreIgnoredAndDefaultsKept() throws Exception {
        box.observe("start", "1", T0);
        Peer peer = pullSession("time-format=msecs", "tagevent-format=CT99_99", "frobnicate=yes");
        peer.send("getdata~1");
        assertThat(readLines(peer, 2)).containsExactly("ack~getdata~1",
                "CT01_33~1~start~1~1717236000.00~0~" + readerOf("start") + "~1");
        assertThat(client.currentOptions().orElseThrow().warnings).hasSize(3);
    }

    @Test
    void duplicateLinesFaultRepeatsEachLine() throws Exception {
        box.observe("start", "1", T0);
        Peer peer = pushSession();
        client.faults().duplicateLines(true);
        peer.send("start~start");
        String line = "CT01_33~1~start~1~1717236000.00~0~" + readerOf("start") + "~1";
        assertThat(readLines(peer, 2)).containsExactly(line, line);
    }

    @Test
    void duplicatesInPullCountInTheItemCountAndStayWithinMax() throws Exception {
        box.observe("start", "1", T0);
        box.observe("start", "2", T0.plusSeconds(1));
        Peer peer = pullSession();
        client.faults().duplicateLines(true);
        peer.send("getdata~3");
        List<String> answer = readLines(peer, 4);
        assertThat(answer.get(0)).isEqualTo("ack~getdata~3");
        assertThat(answer.subList(1, 4)).extracting(l -> l.split("~")[1]).containsExactly("1", "1", "2");
        // the duplicate of 2 did not fit, but 2 itself was delivered
        peer.send("getdata~3");
        assertThat(peer.readLine()).isEqualTo("ack~getdata~0");
    }

    @Test
    void garbageLinesFaultPutsJunkBeforeAnswers() throws Exception {
        Peer peer = pullSession();
        client.faults().garbageLines(true);
        for (int i = 0; i < 8; i++) {
            peer.send("ping");
            String line = peer.readLine();
            while (!line.equals("ack~ping")) {
                line = peer.readLine();
            }
        }
        client.faults().garbageLines(false);
        peer.send("ping");
        assertThat(peer.readLine()).isEqualTo("ack~ping");
    }

    @Test
    void disconnectMidLineCutsALineAndTheEventCanBeResumed() throws Exception {
        box.observe("finish", "1", T0);
        box.observe("finish", "2", T0.plusSeconds(1));
        Peer first = pushSession();
        client.faults().disconnectMidNextLine();
        first.send("start~finish");
        String full = "CT01_33~1~finish~1~1717236000.00~0~" + readerOf("finish") + "~1\r\n";
        byte[] cut = first.readRawBytes();
        assertThat(new String(cut, StandardCharsets.UTF_8)).isEqualTo(full.substring(0, full.length() / 2));
        assertThat(first.closedByClient()).isTrue();

        Peer second = server.accept();
        second.handshake("location=multi", "stream-mode=push", "time-format=unix");
        second.send("start~finish~1");
        assertThat(second.readRawLine()).isEqualTo(full);
        assertThat(second.readLine()).startsWith("CT01_33~2~finish~2~");
    }

    @Test
    void aHeldBurstLeavesAllAtOnce() throws Exception {
        Peer peer = pushSession();
        peer.send("start");
        client.faults().holdBurst();
        for (int i = 1; i <= 50; i++) {
            box.observe("finish", Integer.toString(i), T0.plusMillis(i));
        }
        assertThat(peer.silentFor(300)).isTrue();
        client.faults().releaseBurst();
        assertThat(readLines(peer, 50)).extracting(l -> Integer.parseInt(l.split("~")[1]))
                .isSortedAccordingTo(Integer::compare).hasSize(50).endsWith(50);
    }

    @Test
    void aLargeBacklogIsStreamedCompletelyAndInOrder() throws Exception {
        for (int i = 1; i <= 10_000; i++) {
            box.observe(i % 2 == 0 ? "start" : "finish", Integer.toString(i % 1000), T0.plusMillis(i));
        }
        Peer peer = pushSession();
        peer.send("start");
        List<String> lines = readLines(peer, 10_000);
        assertThat(lines).extracting(l -> l.split("~")[4])
                .isSortedAccordingTo(String::compareTo);
        assertThat(peer.silentFor(200)).isTrue();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String expectedAnswer(String method, String password, String seed) throws Exception {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] message = seed.getBytes(StandardCharsets.UTF_8);
        switch (method) {
            case "plaintext":
                return password;
            case "hmac-sha1":
            case "hmac-md5":
                String algorithm = method.equals("hmac-sha1") ? "HmacSHA1" : "HmacMD5";
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(key, algorithm));
                return HexFormat.of().formatHex(mac.doFinal(message));
            default:
                MessageDigest digest = MessageDigest.getInstance(method.equals("seed-sha1") ? "SHA-1" : "MD5");
                return HexFormat.of().formatHex(digest.digest((seed + password).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
