package io.pitwall.ingest.ctp01.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.timeout.IdleStateEvent;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.Ctp01Authenticator;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import io.pitwall.schemas.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-connection state machine on an {@link io.netty.channel.embedded.EmbeddedChannel}. */
class Ctp01SessionTest {

    private static final String VENUES = "--ctp01.venues=spa";
    private static final String USER = "--ctp01.venue.spa.password.timer=s3cret~1";
    private static final StreamKey FINISH = new StreamKey("spa", "box-1", "finish");

    private static String tag(int sequence, String location, String tag) {
        return "CT01_33~" + sequence + "~" + location + "~" + tag + "~1753531200." + String.format("%02d", sequence % 100)
                + "~0~0F2A38~1";
    }

    /** Greets, authorizes with the right password and answers the identification commands. */
    private static SessionHarness.Connection streaming(SessionHarness harness, String... locations) {
        SessionHarness.Connection client = harness.connect();
        String seed = client.seed(client.greet());
        client.send("authorize~timer~" + Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1,
                "s3cret~1", seed));
        assertThat(client.received()).containsExactly("ack~authorize", "getconnectionid", "getlocations", "geteventinfo");
        client.send("ack~getconnectionid~box-1", "ack~getlocations~" + String.join("~", locations),
                "ack~geteventinfo~Spa 24h~7~Twenty-four hours");
        return client;
    }

    @Test
    void greetsWithEveryOptionItReliesOnAndAFreshSeedPerConnection() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.pushmode-ack=false");
        List<String> first = harness.connect().greet();
        List<String> second = harness.connect().greet();

        assertThat(first).hasSize(11);
        assertThat(first.get(0)).matches("Pitwall~[^~]+~10");
        assertThat(first.subList(1, 10)).containsExactly("location=multi", "stream-mode=push", "time-format=unix",
                "tagevent-format=CT01_33", "guntimes=true", "newlocations=true", "connection-id=true",
                "pushmode-ack=false", "authentication=hmac-sha1");
        assertThat(first.get(10)).matches("authentication-seed=[0-9a-f]{32}");
        assertThat(second.get(10)).isNotEqualTo(first.get(10));
    }

    @Test
    void pullModeGreetingLeavesOutThePushOnlyOptions() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.stream-mode=pull",
                "--ctp01.venue.spa.time-format=iso", "--ctp01.venue.spa.time-zone=Europe/Brussels",
                "--ctp01.venue.spa.authentication=plaintext");
        assertThat(harness.connect().greet()).containsExactly("Pitwall~" + version() + "~5", "location=multi",
                "stream-mode=pull", "time-format=iso", "tagevent-format=CT01_33", "authentication=plaintext");
    }

    private static String version() {
        String v = Ctp01Session.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @ParameterizedTest
    @EnumSource(value = AuthenticationMethod.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void acceptsTheRightAnswerForEveryMethod(AuthenticationMethod method) {
        SessionHarness harness = new SessionHarness(VENUES, USER,
                "--ctp01.venue.spa.authentication=" + method.optionValue());
        SessionHarness.Connection client = harness.connect();
        String seed = client.seed(client.greet());
        client.send("authorize~timer~" + Ctp01Authenticator.authenticationString(method, "s3cret~1", seed));
        assertThat(client.received()).startsWith("ack~authorize", "getconnectionid");
        assertThat(client.channel.isActive()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AuthenticationMethod.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void refusesAWrongPasswordLateAndDisconnects(AuthenticationMethod method) {
        SessionHarness harness = new SessionHarness(VENUES, USER,
                "--ctp01.venue.spa.authentication=" + method.optionValue());
        SessionHarness.Connection client = harness.connect();
        String seed = client.seed(client.greet());
        client.send("authorize~timer~" + Ctp01Authenticator.authenticationString(method, "guess", seed));
        assertThat(client.received()).as("no answer before the failure delay").isEmpty();

        client.channel.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(client.received()).containsExactly("err~authorize~invalid user or password");
        assertThat(client.channel.isActive()).isFalse();
        assertThat(harness.counter(SessionMetrics.HANDSHAKE_FAILURES, "venue", "spa", "reason", "wrong_password"))
                .isEqualTo(1);
        DecoderStatus status = harness.sink.statuses().get(0);
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.HANDSHAKE_FAILED);
        assertThat(status.toString()).doesNotContain("guess").doesNotContain("s3cret");
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPasswordButCountedApart() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.authentication=plaintext");
        SessionHarness.Connection client = harness.connect();
        client.greet();
        client.send("authorize~mallory~s3cret~1");
        client.channel.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(client.received()).containsExactly("err~authorize~invalid user or password");
        assertThat(harness.counter(SessionMetrics.HANDSHAKE_FAILURES, "venue", "unknown", "reason", "unknown_user"))
                .isEqualTo(1);
        assertThat(harness.sink.all()).as("an unknown user belongs to no venue").isEmpty();
    }

    @Test
    void aPasswordFromTheEnvironmentWorks() {
        SessionHarness harness = new SessionHarness(VENUES, "--ctp01.venue.spa.password-env.timer=SPA_TIMER_PASSWORD",
                "--ctp01.venue.spa.authentication=plaintext");
        SessionHarness.Connection client = harness.connect();
        client.greet();
        client.send("authorize~timer~from-env");
        assertThat(client.received()).startsWith("ack~authorize");
    }

    @Test
    void aPortWithoutAuthenticationGoesStraightToIdentification() {
        SessionHarness harness = new SessionHarness(VENUES, "--ctp01.venue.spa.authentication=none");
        SessionHarness.Connection client = harness.connect();
        assertThat(client.greet()).contains("stream-mode=push").noneMatch(l -> l.startsWith("authentication"))
                .endsWith("getconnectionid", "getlocations", "geteventinfo");
    }

    @Test
    void resumesKnownLocationsAfterTheirPositionAndStartsNewOnesFromTheirFirstObservation() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        harness.store.with(FINISH, 41);
        SessionHarness.Connection client = streaming(harness, "finish", "pitin");

        assertThat(client.received()).containsExactly("start~finish~42", "start~pitin");
        DecoderStatus connected = harness.sink.statuses().get(0);
        assertThat(connected.getKind()).isEqualTo(DecoderStatusKind.CONNECTED);
        assertThat(connected.getStreamId()).isEqualTo("spa/box-1");
        assertThat(connected.getAttributes()).containsEntry("user", "timer").containsEntry("program", "SimpleClient");

        // a newlocation event (or a refresh) naming a started location starts nothing again
        client.send("CT01_33~1~finish~newlocation~1753531200.00~0~ABCDEF~0", "ack~getlocations~finish~pitin~s1");
        assertThat(client.received()).containsExactly("start~s1");
    }

    @Test
    void publishesPassingsAndStoresThePositionOnlyOverTheContiguousAcknowledgedPrefix() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.lines=finish:FINISH");
        harness.store.with(FINISH, 41);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.received();
        client.send(tag(42, "finish", "1234"), tag(43, "finish", "77"), tag(44, "finish", "1234"));

        List<Passing> passings = harness.sink.passings();
        assertThat(passings).extracting(Passing::getSequence).containsExactly(42L, 43L, 44L);
        Passing first = passings.get(0);
        assertThat(first.getVenueId()).isEqualTo("spa");
        assertThat(first.getStreamId()).isEqualTo("spa/box-1/finish");
        assertThat(first.getTransponder()).isEqualTo("1234");
        assertThat(first.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(first.getPassingTime()).isEqualTo(Instant.parse("2025-07-26T12:00:00.420Z"));
        assertThat(first.getAttributes()).containsEntry("location", "finish").containsEntry("readerId", "0F2A38")
                .containsEntry("gator", "1").containsEntry("lapCount", "0");
        assertThat(harness.sink.all()).allMatch(p -> p.venue().equals("spa"));

        var calls = harness.sink.passingCalls();
        calls.get(2).ack();
        calls.get(0).ack();
        assertThat(harness.store.sequence(FINISH)).as("44 is acknowledged but 43 is not yet").isEqualTo(42);
        calls.get(1).ack();
        assertThat(harness.store.sequence(FINISH)).isEqualTo(44);
        assertThat(harness.store.saves()).as("the event id is adopted, then the position advances")
                .containsExactly("finish=41", "finish=42", "finish=44");
        assertThat(harness.counter(MetricNames.RECEIVED)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aClientThatChangedItsEventStartsItsLocationsOverInANewEpoch() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        harness.store.with(FINISH, new io.pitwall.ingest.ctp01.resume.ResumeStore.Position(250, 0, "6"));
        SessionHarness.Connection client = streaming(harness, "finish");
        assertThat(client.received()).as("the stored 250 belongs to event 6, the box now runs event 7")
                .containsExactly("start~finish");
        client.send(tag(1, "finish", "42"));
        assertThat(harness.sink.passings()).singleElement().satisfies(p -> {
            assertThat(p.getSequence()).isEqualTo(1);
            assertThat(p.getStreamEpoch()).isEqualTo(1);
        });
    }

    @Test
    void repeatedLinesArePublishedOnceAndCounted() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.send(tag(1, "finish", "5"), tag(1, "finish", "5"), tag(2, "finish", "6"), tag(1, "finish", "5"));
        assertThat(harness.sink.passings()).extracting(Passing::getSequence).containsExactly(1L, 2L);
        assertThat(harness.counter(SessionMetrics.DUPLICATES, "venue", "spa")).isEqualTo(2);
    }

    @Test
    void aRefusedPublishClosesTheConnectionAndKeepsThePositionBeforeIt() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.send(tag(1, "finish", "5"), tag(2, "finish", "6"), tag(3, "finish", "7"));
        var calls = harness.sink.passingCalls();
        calls.get(0).ack();
        calls.get(1).fail();
        calls.get(2).ack();
        client.run();

        assertThat(client.channel.isActive()).isFalse();
        assertThat(harness.store.sequence(new StreamKey("spa", "box-1", "finish"))).isEqualTo(1);

        // the client comes back and resumes after 1: 2 and 3 are sent again
        SessionHarness.Connection again = streaming(harness, "finish");
        assertThat(again.received()).containsExactly("start~finish~2");
    }

    @Test
    void aReconnectingClientReplacesItsOldConnectionAndResumesAfterWhatKafkaAcknowledged() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection old = streaming(harness, "finish");
        old.received();
        old.send(tag(1, "finish", "5"), tag(2, "finish", "6"));

        SessionHarness.Connection fresh = streaming(harness, "finish");
        // a line the old connection still had in its buffer is refused, not published twice
        old.channel.writeInbound(Unpooled.copiedBuffer(tag(3, "finish", "7") + "\r\n", StandardCharsets.UTF_8));
        old.run();
        assertThat(old.channel.isActive()).as("the half-open older connection is closed").isFalse();
        assertThat(harness.sink.passings()).hasSize(2);
        assertThat(fresh.received()).as("no start while 1 and 2 are in flight").isEmpty();

        harness.sink.ackAll();
        assertThat(fresh.received()).containsExactly("start~finish~3");
    }

    @Test
    void aGunTimeIsADecoderStatusAndPartOfItsLocationsSequence() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "start");
        client.send("CT01_33~1~start~guntime~1753531200.50~0~DF239A~0", tag(2, "start", "9478"));
        harness.sink.ackAll();

        DecoderStatus gun = harness.sink.statuses().stream().filter(s -> s.getKind() == DecoderStatusKind.GUN_TIME)
                .findFirst().orElseThrow();
        assertThat(gun.getStreamId()).isEqualTo("spa/box-1/start");
        assertThat(gun.getAttributes()).containsEntry("gunTime", "2025-07-26T12:00:00.500Z")
                .containsEntry("controllerId", "DF239A").containsEntry("sequence", "1");
        assertThat(harness.store.sequence(new StreamKey("spa", "box-1", "start"))).isEqualTo(2);
    }

    @Test
    void theCommaSeparatedTagFormatIsReadToo() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.send("CT01_13,1,finish,4711,1753531200.00,3,0F2A38,2");
        Passing passing = harness.sink.passings().get(0);
        assertThat(passing.getTransponder()).isEqualTo("4711");
        assertThat(passing.getAttributes()).containsEntry("lapCount", "3").containsEntry("gator", "2");
    }

    @Test
    void clientErrorsBecomeDecoderStatusAndARefusedStartIsRetriedOnTheNextRefresh() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        assertThat(client.received()).containsExactly("start~finish");
        client.send("err~start~invalid location");

        DecoderStatus error = harness.sink.statuses().stream().filter(s -> s.getKind() == DecoderStatusKind.ERROR)
                .findFirst().orElseThrow();
        assertThat(error.getMessage()).isEqualTo("err~start~invalid location");
        assertThat(error.getAttributes()).containsEntry("command", "start").containsEntry("location", "finish");
        assertThat(harness.counter(SessionMetrics.CLIENT_ERRORS, "command", "start")).isEqualTo(1);

        client.channel.advanceTimeBy(5, TimeUnit.SECONDS);
        assertThat(client.received()).contains("getlocations");
        client.send("ack~getlocations~finish");
        assertThat(client.received()).containsExactly("start~finish");
    }

    @Test
    void aClientWithoutConnectionIdsResumesUnderItsUser() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        harness.store.with(new StreamKey("spa", "user:timer", "finish"), 9);
        SessionHarness.Connection client = harness.connect();
        String seed = client.seed(client.greet());
        client.send("authorize~timer~" + Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1,
                "s3cret~1", seed));
        client.received();
        client.send("err~~unknown command", "ack~getlocations~finish", "err~~unknown command");
        assertThat(client.received()).containsExactly("start~finish~10");
    }

    @Test
    void theHandshakeMustFinishInTime() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = harness.connect();
        client.greet();
        client.channel.advanceTimeBy(10, TimeUnit.SECONDS);
        client.run();
        assertThat(client.channel.isActive()).isFalse();
        assertThat(harness.counter(SessionMetrics.HANDSHAKE_FAILURES, "reason", "timeout")).isEqualTo(1);
    }

    @Test
    void anIdleWriterPingsAndASilentReaderIsDeclaredDead() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.received();
        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        assertThat(client.received()).containsExactly("ping");

        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        client.run();
        assertThat(client.channel.isActive()).isFalse();
        assertThat(harness.sink.statuses()).extracting(DecoderStatus::getKind)
                .containsSubsequence(DecoderStatusKind.CONNECTED, DecoderStatusKind.HEARTBEAT_LOST,
                        DecoderStatusKind.DISCONNECTED);
    }

    @Test
    void silenceWhileBackPressurePausedReadingIsNotDeath() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.channel.config().setAutoRead(false);
        client.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(client.channel.isActive()).isTrue();
    }

    @Test
    void garbageIsCountedByKindAndAnOverlongLineClosesTheConnection() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.send("%%garbage", "CT01_33~1~finish~1~00:00:00.00~0~NOTHEX~1");
        assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "unknown_message")).isEqualTo(1);
        assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "invalid_time")).isEqualTo(1);
        assertThat(client.channel.isActive()).isTrue();

        client.send("x".repeat(harness.config.maxLineLength() + 1));
        assertThat(client.channel.isActive()).isFalse();
        assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "line_too_long")).isEqualTo(1);
    }

    @Test
    void aWrongTimeFormatIsADecodeErrorNeverAGuess() {
        SessionHarness harness = new SessionHarness(VENUES, USER);
        SessionHarness.Connection client = streaming(harness, "finish");
        client.send("CT01_33~1~finish~5~14:02:15.31~0~0F2A38~1");
        assertThat(harness.sink.passings()).isEmpty();
        assertThat(harness.counter(MetricNames.DECODE_ERRORS, "kind", "invalid_time")).isEqualTo(1);
    }

    @Test
    void pullAsksEachLocationFromItsPositionDrainsFullAnswersAndPausesAfterAShortRound() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.stream-mode=pull",
                "--ctp01.venue.spa.pull.batch=2", "--ctp01.venue.spa.pull.interval=3s");
        harness.sink.autoAck(true);
        harness.store.with(FINISH, 10);
        SessionHarness.Connection client = streaming(harness, "finish", "s1");
        assertThat(client.received()).containsExactly("getdata~2~finish~11");

        client.send("ack~getdata~2", tag(11, "finish", "1"), tag(12, "finish", "2"));
        assertThat(client.received()).as("a full answer: ask the same location again").containsExactly("getdata~2~finish~13");
        client.send("ack~getdata~1", tag(13, "finish", "3"));
        assertThat(client.received()).containsExactly("getdata~2~s1~1");
        client.send("ack~getdata~0");
        assertThat(client.received()).as("the round came back short: pause").isEmpty();

        client.channel.advanceTimeBy(3, TimeUnit.SECONDS);
        assertThat(client.received()).containsExactly("getdata~2~finish~14");
        assertThat(harness.store.sequence(FINISH)).isEqualTo(13);
        assertThat(harness.sink.passings()).extracting(Passing::getSequence).containsExactly(11L, 12L, 13L);
    }

    @Test
    void pullAsksNothingWhileBackPressurePausedReading() {
        SessionHarness harness = new SessionHarness(VENUES, USER, "--ctp01.venue.spa.stream-mode=pull");
        SessionHarness.Connection client = harness.connect();
        client.channel.config().setAutoRead(false);
        String seed = client.seed(client.greet());
        client.send("authorize~timer~" + Ctp01Authenticator.authenticationString(AuthenticationMethod.HMAC_SHA1,
                "s3cret~1", seed));
        client.send("ack~getconnectionid~box-1", "ack~getlocations~finish", "ack~geteventinfo~~~");
        assertThat(client.received()).doesNotContain("getdata~100~finish~1");

        client.channel.config().setAutoRead(true);
        client.channel.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(client.received()).contains("getdata~100~finish~1");
    }

    @Test
    void venuesSharingAPortAreToldApartByTheirUsers() {
        SessionHarness harness = new SessionHarness("--ctp01.venues=spa,zolder", USER,
                "--ctp01.venue.zolder.password.z-timer=zz", "--ctp01.venue.spa.authentication=plaintext",
                "--ctp01.venue.zolder.authentication=plaintext");
        SessionHarness.Connection client = harness.connect();
        client.greet();
        client.send("authorize~z-timer~zz", "ack~getconnectionid~box-9", "ack~getlocations~finish",
                "ack~geteventinfo~Zolder~3~Club race");
        client.send(tag(1, "finish", "8"));
        assertThat(harness.sink.passings()).extracting(Passing::getVenueId).containsExactly("zolder");
        assertThat(harness.sink.all()).allMatch(p -> p.venue().equals("zolder") && p.topic() != Topics.SESSIONS);
    }
}
