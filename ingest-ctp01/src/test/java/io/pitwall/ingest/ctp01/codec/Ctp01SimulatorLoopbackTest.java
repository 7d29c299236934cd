package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.simulator.ctp01.BoxEvent;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The codec against the independently written ChronoTrack simulator over real loopback TCP: two
 * readings of the document have to agree on every line.
 */
class Ctp01SimulatorLoopbackTest {

    private static final ZoneId VENUE = ZoneId.of("Europe/Berlin");
    private static final LocalDate EVENT_DATE = LocalDate.of(2024, 10, 26);
    /**
     * The start of a race that runs through the end of daylight-saving time (2024-10-27 03:00 CEST
     * becomes 02:00 CET). Laps every 90 min pass 02:50 CEST, the first time through the repeated
     * hour, and then 03:20 CET: a venue-local time in the second pass cannot be told from the first
     * (see {@link TimeFormat}), only {@code unix} carries it, so the schedule stays clear of it.
     */
    private static final Instant RACE_START = Instant.parse("2024-10-26T12:50:00Z");
    private static final String PASSWORD = "Sekr€t-1";

    private LoopbackServer server;
    private ChronoTrackClient client;
    private final ChronoTrackBox box = ChronoTrackBox.builder("loopback-box").zone(VENUE).eventDate(EVENT_DATE)
            .eventInfo("24h", "7", "Twenty-four hours").build();

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LoopbackServer.Connection start(Function<String, Ctp01RequestOptions> options, TimeFormat timeFormat,
                                            String clientPassword) throws Exception {
        server = new LoopbackServer(options,
                () -> new Ctp01LineParser(timeFormat, new VenueClock(VENUE, EVENT_DATE)), PASSWORD);
        client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", server.port())
                .withCredentials("timer", clientPassword).withReconnectDelay(Duration.ofMillis(50)));
        client.start();
        LoopbackServer.Connection connection = server.nextConnection();
        assertThat(connection.next()).isEqualTo(new ClientGreeting("SimpleClient", "0.5.0"));
        return connection;
    }

    private static Ctp01RequestOptions.Builder push(TimeFormat timeFormat) {
        return Ctp01RequestOptions.builder().location(LocationMode.MULTI).streamMode(StreamMode.PUSH)
                .timeFormat(timeFormat).gunTimes(true).pushModeAck(true);
    }

    /** What the server should see for an event: the simulator writes hundredths, truncated. */
    private static Instant onTheWire(Instant time) {
        long tenMillis = Math.floorDiv(time.toEpochMilli(), 10);
        return Instant.ofEpochMilli(tenMillis * 10);
    }

    /** Reads over the race: gun time, then laps at three locations for ten cars, 25 h long. */
    private List<BoxEvent> race(int laps) {
        List<BoxEvent> events = new ArrayList<>();
        events.add(box.gunTime("start", RACE_START));
        for (int lap = 0; lap < laps; lap++) {
            for (int car = 1; car <= 10; car++) {
                Instant lapStart = RACE_START.plus(Duration.ofMinutes(90L * lap)).plusMillis(car * 1_337L);
                events.add(box.observe("s1", Integer.toString(car), lapStart.plusMillis(31_234)));
                events.add(box.observe("s2", Integer.toString(car), lapStart.plusMillis(62_468)));
                events.add(box.observe("finish", Integer.toString(car), lapStart.plusMillis(93_702)));
            }
        }
        return events;
    }

    private static void assertSame(TagEvent received, BoxEvent sent) {
        assertThat(received.location()).isEqualTo(sent.location());
        assertThat(received.sequence()).isEqualTo(sent.sequence());
        assertThat(received.time()).isEqualTo(onTheWire(sent.time()));
        if (sent.kind() == BoxEvent.Kind.GUN_TIME) {
            assertThat(received).isInstanceOf(GunTime.class);
            assertThat(((GunTime) received).controllerId()).isEqualTo(sent.readerId());
        } else {
            TagObservation observation = (TagObservation) received;
            assertThat(observation.tag()).isEqualTo(sent.tag());
            assertThat(observation.readerId()).isEqualTo(sent.readerId());
            assertThat(observation.gator()).isEqualTo(sent.gator());
            assertThat(observation.lapCount()).isEqualTo(sent.lapCount());
        }
    }

    @Test
    void greetingAndGenericCommands() throws Exception {
        box.addLocation("start", RACE_START);
        box.addLocation("finish", RACE_START);
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.UNIX).build(), TimeFormat.UNIX, "");
        connection.send(Ctp01Command.GET_CONNECTION_ID);
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.ConnectionIdAck(box.connectionId()));
        connection.send(Ctp01Command.GET_LOCATIONS);
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.LocationsAck(List.of("start", "finish")));
        connection.send(Ctp01Command.GET_EVENT_INFO);
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.EventInfoAck("24h", "7", "Twenty-four hours"));
        connection.send(Ctp01Command.PING);
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.PingAck());
        connection.send(Ctp01Command.Start.location("nowhere"));
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.ErrorReply("start", "invalid location"));
        connection.send(Ctp01Command.GetData.next(5));
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.ErrorReply("getdata", "not in pull mode"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthenticationMethod.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyAuthenticationMethodAcceptsTheRightPassword(AuthenticationMethod method) throws Exception {
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.UNIX)
                .authentication(method, method.requiresSeed() ? seed : null).build(), TimeFormat.UNIX, PASSWORD);
        AuthorizeRequest request = connection.next(AuthorizeRequest.class);
        assertThat(request.userId()).isEqualTo("timer");
        assertThat(connection.authorized.get(10, TimeUnit.SECONDS)).isTrue();
        connection.send(Ctp01Command.PING);
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.PingAck());
        assertThat(client.isReady()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthenticationMethod.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyAuthenticationMethodRejectsAWrongPassword(AuthenticationMethod method) throws Exception {
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.UNIX)
                .authentication(method, method.requiresSeed() ? seed : null).build(), TimeFormat.UNIX, "not-it");
        connection.next(AuthorizeRequest.class);
        assertThat(connection.authorized.get(10, TimeUnit.SECONDS)).isFalse();
        connection.closed.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.authorizationRejections() >= 1);
        assertThat(client.sessionsReady()).isZero();
    }

    @Test
    void theWrongPasswordFaultIsRejectedAndTheNextAttemptWithAFreshSeedSucceeds() throws Exception {
        box.addLocation("start", RACE_START);
        server = new LoopbackServer(seed -> push(TimeFormat.UNIX).authentication(AuthenticationMethod.HMAC_SHA1, seed)
                .build(), () -> new Ctp01LineParser(TimeFormat.UNIX, null), PASSWORD);
        client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", server.port())
                .withCredentials("timer", PASSWORD).withReconnectDelay(Duration.ofMillis(50)));
        client.faults().wrongPassword(true);
        client.start();
        LoopbackServer.Connection refused = server.nextConnection();
        assertThat(refused.authorized.get(10, TimeUnit.SECONDS)).isFalse();
        refused.closed.get(10, TimeUnit.SECONDS);
        client.faults().wrongPassword(false);
        LoopbackServer.Connection accepted;
        do {
            accepted = server.nextConnection();
        } while (!accepted.authorized.get(10, TimeUnit.SECONDS));
        assertThat(accepted.options().authenticationSeed()).isNotEqualTo(refused.options().authenticationSeed());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"NORMAL, CT01_33", "ISO, CT01_33", "UNIX, CT01_33", "NORMAL, CT01_13", "UNIX, CT01_13"})
    void pushDeliversEveryObservationInOrder(TimeFormat timeFormat, String tagFormat) throws Exception {
        List<BoxEvent> sent = race(17); // 17 laps of 90 min: past midnight, through the DST change
        LoopbackServer.Connection connection = start(seed -> push(timeFormat)
                .tagEventFormat(TagEventFormat.parse(tagFormat)).build(), timeFormat, "");
        connection.send(Ctp01Command.Start.all());
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.StartAck(Optional.empty()));
        Map<String, List<TagEvent>> perLocation = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            TagEvent event = connection.next(TagEvent.class);
            assertThat(event.format().code()).isEqualTo(tagFormat);
            perLocation.computeIfAbsent(event.location(), k -> new ArrayList<>()).add(event);
        }
        assertThat(connection.poll(200)).isNull();
        for (BoxEvent event : sent) {
            assertSame(perLocation.get(event.location()).get(event.sequence() - 1), event);
        }
    }

    @Test
    void normalTimesRunPastTwentyFourHours() throws Exception {
        Instant nextDay = RACE_START.plus(Duration.ofHours(25));
        box.observe("finish", "1", nextDay);
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.NORMAL).build(), TimeFormat.NORMAL, "");
        connection.send(Ctp01Command.Start.all());
        connection.next(Ctp01Reply.StartAck.class);
        TagObservation read = connection.next(TagObservation.class);
        // 2024-10-27T13:50Z is 14:50 CET on the day after the event date: 25 h later, 24 h on the wall
        assertThat(read.rawTime()).isEqualTo("38:50:00.00");
        assertThat(read.time()).isEqualTo(nextDay);
    }

    @Test
    void pullDeliversEveryObservationInOrderInBatches() throws Exception {
        List<BoxEvent> sent = race(5);
        LoopbackServer.Connection connection = start(seed -> Ctp01RequestOptions.builder()
                .location(LocationMode.MULTI).streamMode(StreamMode.PULL).timeFormat(TimeFormat.ISO).build(),
                TimeFormat.ISO, "");
        List<TagEvent> received = new ArrayList<>();
        int batches = 0;
        while (true) {
            connection.send(Ctp01Command.GetData.next(7));
            int count = connection.next(Ctp01Reply.GetDataAck.class).itemCount();
            assertThat(count).isLessThanOrEqualTo(7);
            if (count == 0) {
                break;
            }
            batches++;
            for (int i = 0; i < count; i++) {
                received.add(connection.next(TagEvent.class));
            }
        }
        assertThat(batches).isEqualTo((sent.size() + 6) / 7);
        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertSame(received.get(i), sent.get(i));
        }
        connection.send(Ctp01Command.GetData.from(3, "finish", 49));
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.GetDataAck(2));
        assertThat(connection.next(TagEvent.class).sequence()).isEqualTo(49);
        assertThat(connection.next(TagEvent.class).sequence()).isEqualTo(50);
    }

    @Test
    void aStreamDroppedMidLineResumesWithStartFromTheNextSequence() throws Exception {
        race(4); // finish carries sequences 1..40
        LoopbackServer.Connection first = start(seed -> push(TimeFormat.UNIX).build(), TimeFormat.UNIX, "");
        first.send(Ctp01Command.GET_CONNECTION_ID);
        String connectionId = first.next(Ctp01Reply.ConnectionIdAck.class).connectionId();
        first.send(Ctp01Command.Start.location("finish"));
        first.next(Ctp01Reply.StartAck.class);
        for (int sequence = 1; sequence <= 40; sequence++) {
            assertThat(first.next(TagObservation.class).sequence()).isEqualTo(sequence);
        }
        client.faults().disconnectMidNextLine();
        BoxEvent cut = box.observe("finish", "99", RACE_START.plus(Duration.ofHours(7)));
        BoxEvent after = box.observe("finish", "100", RACE_START.plus(Duration.ofHours(7)).plusSeconds(1));
        Ctp01DecodeError truncated = first.next(Ctp01DecodeError.class);
        assertThat(truncated.kind()).isEqualTo(Ctp01DecodeError.Kind.TRUNCATED_LINE);
        assertThat(truncated.excerpt()).startsWith("CT01_33~41~fin");
        first.closed.get(10, TimeUnit.SECONDS);

        // say the server had made only sequences up to 25 durable before the link dropped
        int resumeFrom = 26;
        LoopbackServer.Connection second = server.nextConnection();
        second.next(ClientGreeting.class);
        second.send(Ctp01Command.GET_CONNECTION_ID);
        assertThat(second.next(Ctp01Reply.ConnectionIdAck.class).connectionId()).isEqualTo(connectionId);
        second.send(Ctp01Command.Start.resume("finish", resumeFrom));
        second.next(Ctp01Reply.StartAck.class);
        List<BoxEvent> expected = box.events("finish").subList(resumeFrom - 1, 42);
        assertThat(expected).endsWith(cut, after);
        for (BoxEvent event : expected) {
            assertSame(second.next(TagObservation.class), event);
        }
        assertThat(second.poll(200)).isNull();
    }

    @Test
    void aNewLocationIsAnnouncedAfterGetConnectionIdAndCanBeStarted() throws Exception {
        box.addLocation("start", RACE_START);
        box.addLocation("finish", RACE_START);
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.ISO).newLocations(true)
                .connectionId(true).build(), TimeFormat.ISO, "");
        assertThat(connection.poll(200)).as("new locations wait for getconnectionid").isNull();
        connection.send(Ctp01Command.GET_CONNECTION_ID);
        connection.next(Ctp01Reply.ConnectionIdAck.class);
        assertThat(List.of(connection.next(NewLocation.class), connection.next(NewLocation.class)))
                .extracting(NewLocation::location).containsExactly("start", "finish");

        Instant connectedAt = RACE_START.plus(Duration.ofMinutes(42));
        box.addLocation("pit-in", connectedAt);
        NewLocation pitIn = connection.next(NewLocation.class);
        assertThat(pitIn.location()).isEqualTo("pit-in");
        assertThat(pitIn.time()).isEqualTo(connectedAt);
        assertThat(pitIn.controllerId()).isEqualTo(box.controllerId());

        BoxEvent read = box.observe("pit-in", "7", connectedAt.plusSeconds(5));
        assertThat(connection.poll(200)).as("a new location does not start by itself").isNull();
        connection.send(Ctp01Command.Start.location(pitIn.location()));
        assertThat(connection.next()).isEqualTo(new Ctp01Reply.StartAck(Optional.of("pit-in")));
        assertSame(connection.next(TagObservation.class), read);
    }

    @Test
    void garbageAndDuplicatesAreCountedAndNothingIsLost() throws Exception {
        List<BoxEvent> sent = race(3);
        LoopbackServer.Connection connection = start(seed -> push(TimeFormat.UNIX).build(), TimeFormat.UNIX, "");
        client.faults().garbageLines(true);
        client.faults().duplicateLines(true);
        connection.send(Ctp01Command.Start.all());
        List<Ctp01DecodeError> errors = new ArrayList<>();
        assertThat(connection.nextMessage(errors)).isInstanceOf(Ctp01Reply.StartAck.class);
        Map<String, Map<Integer, TagEvent>> unique = new LinkedHashMap<>();
        int lines = 0;
        while (lines < sent.size() * 2) {
            TagEvent event = (TagEvent) connection.nextMessage(errors);
            unique.computeIfAbsent(event.location(), k -> new LinkedHashMap<>()).putIfAbsent(event.sequence(), event);
            lines++;
        }
        for (BoxEvent event : sent) {
            assertSame(unique.get(event.location()).get(event.sequence()), event);
        }
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.kind()).isIn(
                Ctp01DecodeError.Kind.UNKNOWN_MESSAGE, Ctp01DecodeError.Kind.INVALID_TIME,
                Ctp01DecodeError.Kind.INVALID_ENCODING, Ctp01DecodeError.Kind.EMPTY_LINE));
    }
}
