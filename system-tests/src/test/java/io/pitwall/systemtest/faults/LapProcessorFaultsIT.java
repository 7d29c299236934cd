package io.pitwall.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.events.StopKind;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.systemtest.harness.ChronoFlyHardware;
import io.pitwall.systemtest.harness.ChronoTrackHardware;
import io.pitwall.systemtest.harness.GroundTruthCheck;
import io.pitwall.systemtest.harness.GroundTruthCheck.Watched;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import io.pitwall.systemtest.harness.LapsReader;
import io.pitwall.systemtest.harness.Replay;
import io.pitwall.systemtest.harness.ServiceProcess;
import io.pitwall.systemtest.harness.Services;
import io.pitwall.systemtest.harness.SharedPipeline;
import io.pitwall.systemtest.harness.SharedPipelineTest;
import io.pitwall.systemtest.harness.T71Client;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #11, the lap-processor: SIGKILLed mid-session (twice, the second time while it is still catching up) and
 * restarted; and, separately, a second instance joining mid-session and leaving again (SIGTERM) — two rebalances
 * under exactly-once. After each, {@code timing.laps} equals the ground truth with no lap completed twice, and the
 * Timing71 state on the WebSocket converges to the ground-truth classification.
 */
class LapProcessorFaultsIT extends SharedPipelineTest {

    private static final Logger LOG = LoggerFactory.getLogger(LapProcessorFaultsIT.class);
    private static final Pattern ACTIVE_TASKS = Pattern.compile("(\\d+) active");

    @Test
    void aSigkilledLapProcessorRestartsWithoutLosingOrDoublingALap() {
        HardwareRace race = HardwareRace.of(Hardware.CTP01, scenario(921, "lp-kill").withSectors(3, true));
        ServiceProcess processor = pipeline.processor();
        int port = Services.freePort();
        pipeline.raceControl().run(race.sessionConfig(), race.controls());
        try (ServiceProcess ingest = pipeline.services().ctp01Ingest("lp-kill-ingest-ctp01", race.venueId(), port).start();
             ChronoTrackHardware box = ChronoTrackHardware.forRace(race, port);
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(pipeline.publisher(), race.serviceUuid())) {
            Replay.awaitReady(box, Duration.ofSeconds(30), "ChronoTrack client");
            int n = race.reads().size();
            long[] killedAt = new long[2];
            Replay.asFastAsPossible(race.reads(), box, i -> {
                if (i == n / 3) {
                    // mid-session: laps are out, the processor holds state, reads keep coming
                    await().atMost(Duration.ofSeconds(60)).until(() -> laps.poll().lapCount(race.venueId(),
                            race.sessionId()) > 0);
                    processor.kill();
                    killedAt[0] = System.nanoTime();
                    processor.startAsync();
                } else if (i == 2 * n / 3) {
                    // the second crash hits a processor that has only just caught up after the first
                    processor.awaitReady(Duration.ofSeconds(120));
                    LOG.info("lap-processor ready {} ms after the first SIGKILL",
                            (System.nanoTime() - killedAt[0]) / 1_000_000);
                    processor.kill();
                    killedAt[1] = System.nanoTime();
                    processor.startAsync();
                }
            });
            processor.awaitReady(Duration.ofSeconds(120));
            LOG.info("lap-processor ready {} ms after the second SIGKILL", (System.nanoTime() - killedAt[1]) / 1_000_000);
            long converged = GroundTruthCheck.awaitAndAssert(laps, race, viewer, Duration.ofSeconds(120));
            LOG.info("{}: ground truth {} ms after the last read, {} ms after the second SIGKILL; {} lap events",
                    race.venueId(), converged, (System.nanoTime() - killedAt[1]) / 1_000_000, laps.book().events());
            assertThat(processor.starts()).as("lap-processor starts").isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * Two sessions flowing; a second instance (dynamic membership, so it leaves the group at once on SIGTERM) joins
     * after a quarter of the race, takes tasks over, and is stopped after three quarters: its tasks move back.
     */
    @Test
    @Tag("full-faults")
    void aSecondInstanceJoiningAndLeavingMidSessionChangesNoLap() {
        HardwareRace ctp01 = HardwareRace.of(Hardware.CTP01, scenario(922, "lp-rebalance-ctp01").withSectors(3, true));
        HardwareRace chronoFly = HardwareRace.of(Hardware.CHRONOFLY,
                scenario(923, "lp-rebalance-chronofly").withSectors(2, true));
        Services services = pipeline.services();
        int ctpPort = Services.freePort();
        int cloudPort = Services.freePort();
        ServiceProcess second = services.lapProcessor("lap-processor-2", SharedPipeline.APPLICATION_ID)
                .withoutOption("kafka.group.instance.id");
        List.of(ctp01, chronoFly).forEach(race -> pipeline.raceControl().run(race.sessionConfig(), race.controls()));
        ServiceProcess ctpIngest = services.ctp01Ingest("lp-rebalance-ingest-ctp01", ctp01.venueId(), ctpPort).startAsync();
        ServiceProcess cloudIngest = services.chronoCloudIngest("lp-rebalance-ingest-chronocloud", cloudPort,
                ChronoFlyHardware.stationsOption(chronoFly.venueId())).startAsync();
        ctpIngest.awaitReady(Duration.ofSeconds(120));
        cloudIngest.awaitReady(Duration.ofSeconds(120));
        try (ctpIngest; cloudIngest; second;
             ChronoTrackHardware box = ChronoTrackHardware.forRace(ctp01, ctpPort);
             ChronoFlyHardware stations = new ChronoFlyHardware(cloudPort, "Round 1", 0.0, 923);
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client ctpViewer = T71Client.follow(pipeline.publisher(), ctp01.serviceUuid());
             T71Client cloudViewer = T71Client.follow(pipeline.publisher(), chronoFly.serviceUuid())) {
            Replay.awaitReady(box, Duration.ofSeconds(30), "ChronoTrack client");
            Replay.awaitReady(stations, Duration.ofSeconds(30), "ChronoFly stations");
            int n = ctp01.reads().size();
            int m = chronoFly.reads().size();
            int[] active = new int[2]; // lap-processor's and lap-processor-2's tasks after the join
            double[] secondStates = new double[1];
            Replay.asFastAsPossible(ctp01.reads(), box, i -> {
                if (i == n / 4) {
                    second.startAsync();
                } else if (i == n / 2) {
                    second.awaitReady(Duration.ofSeconds(120));
                    // both RUNNING again after the rebalance: the new instance owns tasks
                    await().atMost(Duration.ofSeconds(60)).until(() -> activeTasks(second) > 0
                            && pipeline.processor().get("/health/ready").status() == 200);
                    active[0] = activeTasks(pipeline.processor());
                    active[1] = activeTasks(second);
                    LOG.info("rebalanced: lap-processor {} active tasks, lap-processor-2 {}", active[0], active[1]);
                } else if (i == 3 * n / 4) {
                    secondStates[0] = second.metric("pitwall_processor_states_published_total").orElse(0.0);
                    int status = second.terminate(Duration.ofSeconds(60));
                    assertThat(status).as("lap-processor-2's exit status after SIGTERM (143: hooks ran, no SIGKILL)")
                            .isEqualTo(143);
                }
                // the ChronoFly race in step
                int j = (int) ((long) i * m / n);
                int to = (int) ((long) (i + 1) * m / n);
                for (int k = j; k < to; k++) {
                    stations.send(chronoFly.reads().get(k));
                }
            });
            assertThat(active[1]).as("tasks lap-processor-2 took over").isGreaterThan(0);
            long converged = GroundTruthCheck.awaitAndAssert(laps, List.of(new Watched(ctp01, ctpViewer),
                    new Watched(chronoFly, cloudViewer)), Duration.ofSeconds(120), stations::allConfirmed);
            LOG.info("rebalance: ground truth {} ms after the last read; lap-processor-2 had published {} states",
                    converged, secondStates[0]);
            await().atMost(Duration.ofSeconds(60)).until(() -> activeTasks(pipeline.processor()) == active[0] + active[1]);
        }
    }

    private static int activeTasks(ServiceProcess processor) {
        Matcher m = ACTIVE_TASKS.matcher(processor.get("/health/ready").body());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static RaceScenario scenario(long seed, String venue) {
        RaceScenario race = RaceScenario.race(seed);
        return new RaceScenario(seed, venue, "race-" + seed, race.sessionType(), 10, race.classes(),
                race.sectorCount(), race.hardwareSectorIndex(), StopKind.LAPS, 10, race.start(),
                race.missedReadRate(), race.ghostReadRate(), race.pitStopRate(), race.safetyCar(),
                race.unknownTransponder(), race.dualTransponderCar(), race.retirement(), false);
    }
}
