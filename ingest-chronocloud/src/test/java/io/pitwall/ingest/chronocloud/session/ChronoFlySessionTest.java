package io.pitwall.ingest.chronocloud.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.codec.Confirmation;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.chronocloud.signature.TestKeys;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.schemas.catalog.Topics;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The state machine a timer relies on: a confirmation means "it is in Kafka", a re-send is never a
 * second passing, a new round or a cleared table is never mistaken for a re-send, and anything the
 * ingest cannot vouch for is not confirmed.
 */
class ChronoFlySessionTest {

    static final KeyPair STATION_KEY = TestKeys.rsa(2048);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-12T12:00:00Z"), ZoneOffset.UTC);

    final PduDecoder decoder = new PduDecoder();
    final TestSink sink = new TestSink();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final PassingLedger ledger = new PassingLedger(1000, 100, CLOCK);
    final IngestMetrics metrics = new IngestMetrics(registry, "CHRONOCLOUD");
    final ChronoCloudMetrics chronoMetrics = new ChronoCloudMetrics(registry);
    SignatureFailureAction onInvalid = SignatureFailureAction.REJECT;

    SessionContext context() {
        VenueClocks clocks = VenueClocks.of(ZoneId.of("Europe/Helsinki"));
        return new SessionContext(new StationDirectory(Map.of("ChronoFly-1", "keimola", "ChronoFly-signed", "keimola"),
                Optional.empty()), new SignatureVerifier(StationKeys.of(Map.of("ChronoFly-signed", STATION_KEY.getPublic()))),
                onInvalid, ledger, new PassingMapper(clocks, LineMap.defaultMap()), new DecoderStatusMapper(clocks), sink,
                metrics, chronoMetrics, CLOCK, Duration.ofSeconds(95));
    }

    /** A connection whose event loop runs tasks at once and which records what it was sent. */
    static final class Connection implements ConnectionChannel {
        final List<String> sent = new ArrayList<>();
        String closedBecause;

        @Override
        public void close(String reason) {
            closedBecause = reason;
        }

        @Override
        public void write(Confirmation confirmation) {
            sent.add(confirmation.text());
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public String remoteAddress() {
            return "/10.1.1.1:40000";
        }
    }

    final Connection wire = new Connection();
    ChronoFlySession session = open(wire);

    ChronoFlySession open(Connection connection) {
        ChronoFlySession s = new ChronoFlySession(context(), connection);
        s.opened();
        return s;
    }

    static String passing(String station, String round, long id, String transponder, String time) {
        return "{\"station\":\"" + station + "\",\"competition\":\"166656\",\"signature\":\"\",\"sent\":\"" + time + "\","
                + "\"data\":{\"event\":\"passing\",\"id\":\"" + id + "\",\"type\":\"Track-Finish\",\"round\":\"" + round
                + "\",\"time\":\"" + time + "\",\"transponder\":\"" + transponder + "\",\"hits\":\"1\",\"lap\":\"1\"}}";
    }

    static String passing(long id, String transponder, String time) {
        return passing("ChronoFly-1", "Race 1", id, transponder, time);
    }

    static String connected(long id) {
        return "{\"station\":\"ChronoFly-1\",\"competition\":\"166656\",\"data\":{\"event\":\"connected\",\"id\":\"" + id
                + "\",\"version\":\"1.2.30\"}}";
    }

    static String keepalive(long id) {
        return "{\"station\":\"ChronoFly-1\",\"competition\":\"166656\",\"sent\":\"2024-05-12T15:00:00.250+03:00\","
                + "\"data\":{\"event\":\"keepalive\",\"id\":\"" + id + "\"}}";
    }

    void receive(ChronoFlySession s, String frame) {
        s.onInbound(decoder.decode(frame));
    }

    void receive(String frame) {
        receive(session, frame);
    }

    /** Receives a frame and lets Kafka acknowledge whatever it published. */
    void receiveAndStore(String frame) {
        receive(frame);
        sink.all().forEach(TestSink.Published::acknowledge);
    }

    double count(String meter, String... tags) {
        Counter counter = registry.find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPassingIsConfirmedOnlyAfterKafkaAcknowledgedIt() {
        receive(passing(70, "7", "2024-05-12T15:00:01.250+03:00"));

        assertThat(sink.on(Topics.PASSINGS)).hasSize(1);
        assertThat(wire.sent).as("nothing before the acknowledgement").isEmpty();
        Passing passing = (Passing) sink.last().event();
        assertThat(passing.getSequence()).isEqualTo(70);
        assertThat(passing.getVenueId()).isEqualTo("keimola");
        assertThat(sink.last().venue()).isEqualTo("keimola");

        sink.last().acknowledge();
        assertThat(wire.sent).containsExactly("bumb-70");
    }

    @Test
    void aPassingKafkaRefusedIsNotConfirmedAndIsPublishedAgainWhenResent() {
        receive(passing(3, "7", "2024-05-12T15:00:01.250+03:00"));
        sink.last().fail();
        assertThat(wire.sent).isEmpty();

        Connection next = new Connection();
        receive(open(next), passing(3, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(sink.on(Topics.PASSINGS)).as("the re-send is a new attempt").hasSize(2);
        sink.last().acknowledge();
        assertThat(next.sent).containsExactly("bumb-3");
    }

    @Test
    void aResendOfAStoredPassingIsConfirmedAgainWithoutPublishing() {
        receive(passing(5, "7", "2024-05-12T15:00:01.250+03:00"));
        sink.last().acknowledge();
        receive(passing(5, "7", "2024-05-12T15:00:01.250+03:00"));

        assertThat(sink.on(Topics.PASSINGS)).hasSize(1);
        assertThat(wire.sent).containsExactly("bumb-5", "bumb-5");
        assertThat(count(ChronoCloudMetrics.DUPLICATES, "venue", "keimola")).isEqualTo(1);
    }

    @Test
    void aResendWhileThePassingIsStillOnItsWayIsPublishedOnceAndConfirmedOnce() {
        receive(passing(5, "7", "2024-05-12T15:00:01.250+03:00"));
        receive(passing(5, "7", "2024-05-12T15:00:01.250+03:00"));
        receive(passing(5, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(sink.on(Topics.PASSINGS)).hasSize(1);

        sink.last().acknowledge();
        assertThat(wire.sent).containsExactly("bumb-5");
    }

    @Test
    void aResendOnANewConnectionIsRecognisedAndBothConnectionsHearBack() {
        receive(passing(9, "7", "2024-05-12T15:00:01.250+03:00"));
        Connection second = new Connection();
        ChronoFlySession reconnected = open(second);
        receive(reconnected, passing(9, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(sink.on(Topics.PASSINGS)).hasSize(1);

        sink.on(Topics.PASSINGS).get(0).acknowledge();
        assertThat(wire.sent).containsExactly("bumb-9");
        assertThat(second.sent).containsExactly("bumb-9");
    }

    @Test
    void aRoundChangeRestartingIdsAtZeroIsNotADuplicate() {
        receiveAndStore(passing("ChronoFly-1", "Heat 1", 0, "7", "2024-05-12T15:00:01.250+03:00"));
        receiveAndStore(passing("ChronoFly-1", "Heat 1", 1, "8", "2024-05-12T15:00:02.250+03:00"));
        receiveAndStore(passing("ChronoFly-1", "Heat 2", 0, "7", "2024-05-12T15:10:01.000+03:00"));
        receiveAndStore(passing("ChronoFly-1", "Heat 2", 1, "8", "2024-05-12T15:10:02.000+03:00"));

        List<Passing> passings = sink.on(Topics.PASSINGS).stream().map(p -> (Passing) p.event()).toList();
        assertThat(passings).extracting(Passing::getStreamId).containsExactly(
                "keimola/ChronoFly-1/166656/Heat 1", "keimola/ChronoFly-1/166656/Heat 1",
                "keimola/ChronoFly-1/166656/Heat 2", "keimola/ChronoFly-1/166656/Heat 2");
        assertThat(passings).extracting(Passing::getSequence).containsExactly(0L, 1L, 0L, 1L);
        assertThat(passings).extracting(Passing::getStreamEpoch).containsOnly(0L);
        assertThat(wire.sent).containsExactly("bumb-0", "bumb-1", "bumb-0", "bumb-1");
    }

    @Test
    void clearedTablesInTheSameRoundStartANewEpoch() {
        receiveAndStore(passing(0, "7", "2024-05-12T15:00:01.250+03:00"));
        receiveAndStore(passing(1, "8", "2024-05-12T15:00:02.250+03:00"));
        // the operator cleared the tables: id 0 again, but another passing
        receiveAndStore(passing(0, "9", "2024-05-12T15:20:00.000+03:00"));
        receiveAndStore(passing(1, "7", "2024-05-12T15:20:01.000+03:00"));
        // and a late re-send from before the clear is still recognised
        receiveAndStore(passing(1, "8", "2024-05-12T15:00:02.250+03:00"));

        List<Passing> passings = sink.on(Topics.PASSINGS).stream().map(p -> (Passing) p.event()).toList();
        assertThat(passings).hasSize(4);
        assertThat(passings).extracting(Passing::getStreamEpoch)
                .containsExactly(0L, 0L, CLOCK.millis(), CLOCK.millis());
        assertThat(passings).extracting(Passing::getSequence).containsExactly(0L, 1L, 0L, 1L);
        assertThat(count(ChronoCloudMetrics.NUMBERING_RESTARTS, "venue", "keimola")).isEqualTo(1);
        assertThat(wire.sent).containsExactly("bumb-0", "bumb-1", "bumb-0", "bumb-1", "bumb-1");
    }

    @Test
    void aConfirmationThatCouldBeMistakenWaitsForEveryPduItCouldMean() {
        // "bumb-0" answers both the connected PDU and passing 0
        receive(connected(0));
        receive(passing(0, "7", "2024-05-12T15:00:01.250+03:00"));
        TestSink.Published status = sink.on(Topics.DECODER_STATUS).get(0);
        TestSink.Published passing = sink.on(Topics.PASSINGS).get(0);

        status.acknowledge();
        assertThat(wire.sent).as("passing 0 is not stored yet").isEmpty();
        passing.acknowledge();
        assertThat(wire.sent).containsExactly("bumb-0");
    }

    @Test
    void aPduThatCannotBeStoredClosesTheConnectionSoNoLaterConfirmationIsAmbiguous() {
        receive(connected(0));
        receive(passing(0, "7", "2024-05-12T15:00:01.250+03:00"));
        sink.on(Topics.DECODER_STATUS).get(0).acknowledge();
        sink.on(Topics.PASSINGS).get(0).fail();
        assertThat(wire.sent).isEmpty();
        assertThat(wire.closedBecause).isEqualTo("closed by the server: a PDU could not be stored in Kafka");

        // nothing more happens on the old connection; the station re-sends on its next one
        receive(passing(1, "8", "2024-05-12T15:00:02.250+03:00"));
        assertThat(sink.on(Topics.PASSINGS)).hasSize(1);
        Connection next = new Connection();
        ChronoFlySession reconnected = open(next);
        receive(reconnected, connected(0));
        receive(reconnected, passing(0, "7", "2024-05-12T15:00:01.250+03:00"));
        sink.all().forEach(TestSink.Published::acknowledge);
        assertThat(next.sent).containsExactly("bumb-0");
    }

    @Test
    void aRoundChangeWithPassingsStillOnTheirWayConfirmsTheSharedIdOnceAllAreStored() {
        receive(passing("ChronoFly-1", "Heat 1", 0, "7", "2024-05-12T15:00:01.250+03:00"));
        receive(passing("ChronoFly-1", "Heat 2", 0, "8", "2024-05-12T15:10:01.000+03:00"));
        sink.on(Topics.PASSINGS).get(1).acknowledge();
        assertThat(wire.sent).as("Heat 1's passing 0 is still on its way").isEmpty();
        sink.on(Topics.PASSINGS).get(0).acknowledge();
        assertThat(wire.sent).containsExactly("bumb-0");
    }

    @Test
    void connectedIsPublishedAsAStatusThenConfirmed() {
        receive(connected(0));
        DecoderStatus status = (DecoderStatus) sink.last().event();
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.CONNECTED);
        assertThat(status.getAttributes()).containsEntry("remoteAddress", "/10.1.1.1:40000");
        assertThat(wire.sent).isEmpty();
        sink.last().acknowledge();
        assertThat(wire.sent).containsExactly("bumb-0");
    }

    @Test
    void keepaliveIsPongedOnlyOnceItsStatusIsInKafka() {
        receive(keepalive(0));
        DecoderStatus status = (DecoderStatus) sink.last().event();
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.CLOCK_OFFSET);
        assertThat(status.getClockOffsetMillis()).isEqualTo(250L);
        receive(keepalive(0));
        assertThat(sink.all()).as("a re-sent keepalive waits for the first").hasSize(1);
        assertThat(wire.sent).isEmpty();

        sink.last().acknowledge();
        assertThat(wire.sent).containsExactly("pong");
        receive(keepalive(1));
        sink.last().acknowledge();
        assertThat(wire.sent).containsExactly("pong", "pong");
    }

    @Test
    void malfunctionIsPublishedAndNeverConfirmed() {
        receive("{\"station\":\"ChronoFly-1\",\"competition\":\"c\",\"data\":{\"event\":\"malfunction\","
                + "\"message\":\"decoder lost\",\"message2\":\"Unknown error\",\"type\":\"1\"}}");
        sink.last().acknowledge();
        assertThat(((DecoderStatus) sink.last().event()).getKind()).isEqualTo(DecoderStatusKind.MALFUNCTION);
        assertThat(wire.sent).isEmpty();
    }

    @Test
    void anUnknownStationIsRefusedSoItKeepsItsPassings() {
        receive(passing("ChronoFly-99", "Race 1", 0, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(sink.all()).isEmpty();
        assertThat(wire.sent).isEmpty();
        assertThat(count(MetricNames.DECODE_ERRORS, "venue", "unknown", "kind", "unknown_station")).isEqualTo(1);
    }

    @Test
    void garbageIsCountedAndTheConnectionCarriesOn() {
        receive(passing(1, "7", "2024-05-12T15:00:01.250+03:00"));
        receive("{\"station\":\"ChronoFly-1\",\"data\":");
        receive("{\"station\":\"ChronoFly-1\",\"competition\":\"c\",\"data\":{\"event\":\"teleport\"}}");
        receive(passing(2, "8", "2024-05-12T15:00:02.250+03:00"));
        sink.all().forEach(TestSink.Published::acknowledge);
        assertThat(wire.sent).containsExactly("bumb-1", "bumb-2");
        assertThat(count(MetricNames.DECODE_ERRORS, "venue", "keimola", "kind", "malformed_json")).isEqualTo(1);
        assertThat(count(MetricNames.DECODE_ERRORS, "venue", "keimola", "kind", "unknown_event")).isEqualTo(1);
    }

    String signed(long id, String transponder, java.security.PrivateKey key) {
        String data = "{\"event\":\"passing\",\"id\":\"" + id + "\",\"type\":\"Track-Finish\",\"round\":\"R\","
                + "\"time\":\"2024-05-12T15:00:01.250+03:00\",\"transponder\":\"" + transponder + "\"}";
        String signature = Base64.getEncoder().encodeToString(TestKeys.sign(key, data));
        return "{\"station\":\"ChronoFly-signed\",\"competition\":\"c\",\"signature\":\"" + signature + "\",\"data\":" + data + "}";
    }

    @Test
    void aBadSignatureIsRejectedNeitherPublishedNorConfirmed() {
        receive(signed(1, "7", STATION_KEY.getPrivate()));
        receive(signed(2, "8", TestKeys.rsa(2048).getPrivate()));
        sink.all().forEach(TestSink.Published::acknowledge);

        assertThat(sink.on(Topics.PASSINGS)).singleElement()
                .satisfies(p -> assertThat(((Passing) p.event()).getAttributes()).containsEntry("signature", "verified"));
        assertThat(wire.sent).containsExactly("bumb-1");
        assertThat(count(ChronoCloudMetrics.SIGNATURES, "venue", "keimola", "result", "verified")).isEqualTo(1);
        assertThat(count(ChronoCloudMetrics.SIGNATURES, "venue", "keimola", "result", "rejected")).isEqualTo(1);
    }

    @Test
    void withFlagABadSignatureIsPublishedMarkedAndConfirmed() {
        onInvalid = SignatureFailureAction.FLAG;
        session = open(wire);
        receive(signed(2, "8", TestKeys.rsa(2048).getPrivate()));
        sink.last().acknowledge();
        assertThat(((Passing) sink.last().event()).getAttributes()).containsEntry("signature", "invalid")
                .containsKey("signatureProblem");
        assertThat(wire.sent).containsExactly("bumb-2");
        assertThat(count(ChronoCloudMetrics.SIGNATURES, "venue", "keimola", "result", "flagged")).isEqualTo(1);
    }

    @Test
    void unsignedStationsAreRecordedAsSuch() {
        receive(passing(1, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(((Passing) sink.last().event()).getAttributes()).containsEntry("signature", "unsigned");
        assertThat(count(ChronoCloudMetrics.SIGNATURES, "venue", "keimola", "result", "unsigned")).isEqualTo(1);
    }

    @Test
    void closingReportsDisconnectedAndDropsLateConfirmations() {
        receive(passing(1, "7", "2024-05-12T15:00:01.250+03:00"));
        session.closed("closed by the station");
        sink.on(Topics.PASSINGS).get(0).acknowledge();

        assertThat(wire.sent).isEmpty();
        DecoderStatus status = (DecoderStatus) sink.last().event();
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.DISCONNECTED);
        assertThat(status.getMessage()).isEqualTo("closed by the station");
        // the station re-sends on its next connection and hears back at once
        Connection next = new Connection();
        receive(open(next), passing(1, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(next.sent).containsExactly("bumb-1");
    }

    @Test
    void silenceIsReportedAsHeartbeatLost() {
        receive(passing(1, "7", "2024-05-12T15:00:01.250+03:00"));
        assertThat(session.onIdle()).isTrue();
        DecoderStatus status = (DecoderStatus) sink.last().event();
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.HEARTBEAT_LOST);
        assertThat(status.getStreamId()).isEqualTo("keimola/ChronoFly-1");
    }

    @Test
    void connectionsAreCountedUnderTheirVenueOnceIdentified() {
        assertThat(metrics.connections("unknown")).isEqualTo(1);
        receive(keepalive(0));
        assertThat(metrics.connections("unknown")).isZero();
        assertThat(metrics.connections("keimola")).isEqualTo(1);
        session.closed("bye");
        assertThat(metrics.connections("keimola")).isZero();
    }
}
