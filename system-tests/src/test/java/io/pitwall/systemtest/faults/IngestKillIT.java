package io.pitwall.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.simulator.race.DetectorRead;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.systemtest.harness.ChronoFlyHardware;
import io.pitwall.systemtest.harness.ChronoTrackHardware;
import io.pitwall.systemtest.harness.GroundTruthCheck;
import io.pitwall.systemtest.harness.GroundTruthCheck.Watched;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import io.pitwall.systemtest.harness.LapSnapperHardware;
import io.pitwall.systemtest.harness.LapsReader;
import io.pitwall.systemtest.harness.PassingsReader;
import io.pitwall.systemtest.harness.Replay;
import io.pitwall.systemtest.harness.ServiceProcess;
import io.pitwall.systemtest.harness.Services;
import io.pitwall.systemtest.harness.SharedPipelineTest;
import io.pitwall.systemtest.harness.SmartraceHardware;
import io.pitwall.systemtest.harness.T71Client;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #11, each ingest SIGKILLed and restarted (same port, same options) in the middle of a live session, the
 * end checked against the ground truth of what the hardware could deliver:
 * <ul>
 *   <li>CTP01: the box reconnects and resumes from the durable sequence — nothing lost, no lap twice;</li>
 *   <li>ChronoFly: the stations re-send what was not confirmed — nothing lost, re-sends deduplicated;</li>
 *   <li>LapSnapper (no acknowledgement): it re-sends its last N events after the handshake; what the dead process
 *       held and what was timed while no ingest was connected is recovered only within those N, the re-sent
 *       events already in Kafka are dropped by the lap-processor — and what is older is lost, exactly;</li>
 *   <li>Smartrace: the re-send memory is read back from Kafka at start, so the two laps the sensor re-sends on
 *       reconnecting are recognised and the anchor is taken over: lap times exact across the restart.</li>
 * </ul>
 */
@Tag("full-faults")
class IngestKillIT extends SharedPipelineTest {

    private static final Logger LOG = LoggerFactory.getLogger(IngestKillIT.class);
    private static final Duration CONVERGE = Duration.ofSeconds(120);

    @Test
    void ctp01ResumesFromItsDurableSequenceAfterASigkill() {
        HardwareRace race = HardwareRace.of(Hardware.CTP01,
                LapProcessorFaultsIT.scenario(941, "kill-ingest-ctp01").withSectors(3, true));
        int port = Services.freePort();
        pipeline.raceControl().run(race.sessionConfig(), race.controls());
        try (ServiceProcess ingest = pipeline.services().ctp01Ingest("kill-ingest-ctp01", race.venueId(), port).start();
             ChronoTrackHardware box = ChronoTrackHardware.forRace(race, port);
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(pipeline.publisher(), race.serviceUuid())) {
            Replay.awaitReady(box, Duration.ofSeconds(30), "ChronoTrack client");
            int n = race.reads().size();
            // killed while lines are streaming in; the box keeps timing while the ingest is away
            Replay.asFastAsPossible(race.reads(), box, i -> {
                if (i == n / 2) {
                    ingest.kill();
                    ingest.startAsync();
                }
            });
            ingest.awaitReady(Duration.ofSeconds(120));
            long converged = GroundTruthCheck.awaitAndAssert(laps, race, viewer, CONVERGE);
            LOG.info("{}: ground truth {} ms after the last read; {} connections, {} duplicate lines dropped by the "
                            + "restarted ingest", race.venueId(), converged, box.client().connections(),
                    ingest.metric("pitwall_ctp01_duplicate_lines_total").orElse(0.0));
            assertThat(box.client().connections()).as("the box reconnected to the restarted ingest")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void chronoFlyResendsWhatWasNotConfirmedAfterASigkill() {
        HardwareRace race = HardwareRace.of(Hardware.CHRONOFLY,
                LapProcessorFaultsIT.scenario(942, "kill-ingest-chronofly").withSectors(2, true));
        int port = Services.freePort();
        pipeline.raceControl().run(race.sessionConfig(), race.controls());
        try (ServiceProcess ingest = pipeline.services().chronoCloudIngest("kill-ingest-chronocloud", port,
                ChronoFlyHardware.stationsOption(race.venueId())).start();
             ChronoFlyHardware stations = new ChronoFlyHardware(port, "Round 1", 0.0, 942);
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(pipeline.publisher(), race.serviceUuid())) {
            Replay.awaitReady(stations, Duration.ofSeconds(30), "ChronoFly stations");
            int n = race.reads().size();
            Replay.asFastAsPossible(race.reads(), stations, i -> {
                if (i == n / 2) {
                    ingest.kill();
                    ingest.startAsync();
                }
            });
            ingest.awaitReady(Duration.ofSeconds(120));
            long converged = GroundTruthCheck.awaitAndAssert(laps, List.of(new Watched(race, viewer)), CONVERGE,
                    stations::allConfirmed);
            assertThat(stations.allConfirmed()).as("every passing confirmed by the restarted ingest").isTrue();
            LOG.info("{}: ground truth {} ms after the last read; stations re-sent {} PDUs", race.venueId(),
                    converged, stations.finishStation().resends() + stations.sectorStation().resends());
            assertThat(stations.finishStation().resends() + stations.sectorStation().resends())
                    .as("PDUs re-sent because the dead ingest had not confirmed them").isGreaterThan(0);
        }
    }

    /**
     * LapSnapper re-sends its last {@value #RESEND} events after each handshake and nothing else, so what a
     * SIGKILLed ingest loses is exactly known: an event is lost iff it is neither in {@code timing.passings} when
     * the ingest died nor among the events re-sent after the restart. Two kills, each at once after a burst:
     * <ol>
     *   <li>once the ingest has published all but the last few events; {@value #TIMED_WHILE_DOWN} events are
     *       timed while no ingest is connected. The re-send covers those and the last pre-kill events: nothing
     *       lost, and the re-sent events Kafka already had are dropped by the lap-processor's dedupe;</li>
     *   <li>as soon as the restarted ingest has published what LapSnapper re-sent (the events Kafka had are then
     *       in it twice), in the middle of a burst (a fresh producer is slow: the dying process holds many); then {@value #RESEND} + {@value #LOST} events are timed while
     *       no ingest is connected: what the dead process held and the oldest {@value #LOST} are lost.</li>
     * </ol>
     * The laps must equal the ground truth of exactly the reads not lost.
     */
    @Test
    void lapSnapperLosesExactlyWhatItDoesNotResendAfterASigkill() {
        HardwareRace race = HardwareRace.of(Hardware.LAPSNAPPER,
                LapProcessorFaultsIT.scenario(943, "kill-ingest-lapsnapper").withSectors(3, false));
        String venue = race.venueId();
        List<DetectorRead> reads = race.reads();
        int n = reads.size();
        int firstKill = n / 3;
        int secondKill = firstKill + TIMED_WHILE_DOWN + n / 5;
        Set<Integer> lost = new TreeSet<>();
        int[] heldByTheDead = new int[2];
        int[] resentAlreadyInKafka = new int[1];
        pipeline.raceControl().run(race.sessionConfig(), race.controls());
        double duplicatesBefore = pipeline.processor().metric("pitwall_processor_duplicates_dropped_total").orElse(0.0);
        try (LapSnapperHardware server = new LapSnapperHardware();
             ServiceProcess ingest = pipeline.services().lapSnapperIngest("kill-ingest-lapsnapper", venue,
                     server.port(), LapSnapperHardware.PASSWORD, LapSnapperHardware.PIN).start();
             PassingsReader passings = new PassingsReader(pipeline.cluster());
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(pipeline.publisher(), race.serviceUuid())) {
            Replay.awaitReady(server, Duration.ofSeconds(30), "LapSnapper ingest");
            server.simulator().faults().resendOnReconnect(RESEND);
            Replay.asFastAsPossible(reads, server, i -> {
                if (i == secondKill) {
                    LOG.info("{}: the restarted ingest's time events by verdict: {}", venue, ingest.metrics().lines()
                            .filter(l -> l.startsWith("pitwall_lapsnapper_time_events_total")).toList());
                }
                if (i == firstKill || i == secondKill) {
                    int timedWhileDown = i == firstKill ? TIMED_WHILE_DOWN : RESEND + LOST;
                    // kill 1 once the ingest has published all but its last few events; kill 2 once the restarted
                    // ingest has published what LapSnapper re-sent (the duplicates are in Kafka), then at once
                    long upTo = i == firstKill ? firstKill - 10 : firstKill + TIMED_WHILE_DOWN;
                    await().atMost(Duration.ofSeconds(60)).until(() -> passings.drainQuickly()
                            && passings.sequences(venue).containsAll(LongStream.rangeClosed(1, upTo)
                            .filter(id -> !lost.contains((int) id - 1)).boxed().toList()));
                    ingest.kill();
                    await().atMost(Duration.ofSeconds(10)).until(() -> server.simulator().handshakenClients() == 0);
                    Replay.sleep(Duration.ofSeconds(1)); // requests the dead producer had sent are written or gone by now
                    passings.drain();
                    Set<Long> published = passings.sequences(venue);
                    int firstResent = i + timedWhileDown - RESEND;
                    for (int k = 0; k < i + timedWhileDown; k++) {
                        boolean inKafka = published.contains(k + 1L); // read k is LapSnapper's timeStampID k + 1
                        if (k < firstResent && !inKafka && lost.add(k) && k < i) {
                            heldByTheDead[i == firstKill ? 0 : 1]++;
                        } else if (k >= firstResent && inKafka) {
                            resentAlreadyInKafka[0]++;
                        }
                    }
                } else if (i == firstKill + TIMED_WHILE_DOWN || i == secondKill + RESEND + LOST) {
                    ingest.start(); // ready = connected and handshaken: LapSnapper has re-sent its last events
                }
            });
            List<DetectorRead> reported = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (!lost.contains(k)) {
                    reported.add(reads.get(k));
                }
            }
            HardwareRace received = race.reportingOnly(reported);
            long converged = GroundTruthCheck.awaitAndAssert(laps, received, viewer, CONVERGE);
            double duplicates = pipeline.processor().metric("pitwall_processor_duplicates_dropped_total").orElse(0.0)
                    - duplicatesBefore;
            LOG.info("{}: ground truth of the {} of {} reads not lost, {} ms after the last read; lost: {} and {} held "
                            + "by the killed ingest, {} timed while no ingest was connected; {} re-sent events Kafka "
                            + "had, the lap-processor dropped {} duplicates", venue, reported.size(), n, converged,
                    heldByTheDead[0], heldByTheDead[1], LOST, resentAlreadyInKafka[0], duplicates);
            passings.drain();
            long repeated = passings.repeated(venue);
            LOG.info("{}: {} passings written twice to timing.passings (same stream, epoch, sequence); the "
                    + "lap-processor's duplicates counter moved by {}; streams: {}", venue, repeated, duplicates,
                    passings.describe(venue));
            assertThat(resentAlreadyInKafka[0]).as("re-sent events Kafka already had (first kill)").isGreaterThan(0);
            assertThat(repeated).as("re-sent events Kafka already had, published again as received")
                    .isEqualTo(resentAlreadyInKafka[0]);
            assertThat(duplicates).as("... and dropped by the lap-processor's dedupe (the laps above are exact)")
                    .isGreaterThanOrEqualTo(repeated);
            assertThat(race.expectedLaps()).as("the lost reads cost laps: the comparison would see a loss")
                    .isNotEqualTo(received.expectedLaps());
        }
    }

    private static final int RESEND = 40;
    private static final int TIMED_WHILE_DOWN = 10;
    private static final int LOST = 12;

    /** Waits until the ingest's published-passings counter has not moved for 1.5 s: nothing left in its memory. */
    private static void awaitPublishedSettles(ServiceProcess ingest) {
        double[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            double now = ingest.metric("pitwall_ingest_events_published_total", "topic=\"timing.passings\"")
                    .orElse(0.0);
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > 1_500_000_000L
                    && ingest.metric("pitwall_ingest_buffered_records").orElse(1.0) == 0.0;
        });
    }

    /**
     * The ingest is SIGKILLed between two crossings and restarted; crossings resume once the sensor is back (they
     * carry their own counter values, delivered late). The sensor re-sends its last two laps, which the restarted
     * ingest knows from Kafka: dropped, and their recorded times anchor the new connection.
     */
    @Test
    void smartraceRecognisesTheResentLapsAfterARestartAndKeepsLapTimesExact() {
        Instant start = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        RaceScenario scenario = new RaceScenario(944, "kill-ingest-smartrace", "race-944", SessionType.RACE, 6, 1, 1,
                true, StopKind.LAPS, 8, start, 0.0, 0.02, 0.04, false, false, false, false, false);
        HardwareRace race = HardwareRace.of(Hardware.SMARTRACE, scenario, 25.0, start);
        int port = Services.freePort();
        pipeline.raceControl().run(race.sessionConfig(), race.controls());
        try (ServiceProcess ingest = pipeline.services().smartraceIngest("kill-ingest-smartrace", race.venueId(), port)
                .start();
             SmartraceHardware sensor = new SmartraceHardware(port);
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(pipeline.publisher(), race.serviceUuid())) {
            Replay.awaitReady(sensor, Duration.ofSeconds(30), "Smartrace sensor");
            int n = race.reads().size();
            Replay.inRealTime(race.reads(), sensor, i -> {
                if (i == n / 2) {
                    // everything sent is in Kafka: the re-sent laps must be known to the restarted ingest
                    long live = sensor.sensor().sent().stream()
                            .filter(f -> !f.resent() && f.text().contains("\"analog_")).count();
                    await().atMost(Duration.ofSeconds(30)).until(() -> ingest.metric(
                            "pitwall_ingest_events_published_total", "topic=\"timing.passings\"").orElse(0.0) >= live);
                    ingest.kill();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !sensor.isReady());
                    ingest.start();
                    Replay.awaitReady(sensor, Duration.ofSeconds(30), "Smartrace sensor after the restart");
                }
            });
            long converged = GroundTruthCheck.awaitAndAssert(laps, race, viewer, CONVERGE);
            LOG.info("{}: ground truth {} ms after the last read; restarted ingest dropped {} re-sent laps",
                    race.venueId(), converged, ingest.metric("pitwall_smartrace_duplicates_total").orElse(0.0));
            assertThat(ingest.metric("pitwall_smartrace_duplicates_total").orElse(0.0))
                    .as("the two re-sent laps, recognised by the restarted ingest").isEqualTo(2.0);
        }
    }
}
