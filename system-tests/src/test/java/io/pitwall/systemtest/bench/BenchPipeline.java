package io.pitwall.systemtest.bench;

import io.pitwall.systemtest.harness.ChronoFlyHardware;
import io.pitwall.systemtest.harness.ChronoTrackHardware;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import io.pitwall.systemtest.harness.LapSnapperHardware;
import io.pitwall.systemtest.harness.PipelineCluster;
import io.pitwall.systemtest.harness.RaceControl;
import io.pitwall.systemtest.harness.Replay;
import io.pitwall.systemtest.harness.ServiceProcess;
import io.pitwall.systemtest.harness.Services;
import io.pitwall.systemtest.harness.SmartraceHardware;
import io.pitwall.systemtest.harness.TimingHardware;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The whole pipeline for a benchmark, built from the system-test harness: broker and registry
 * ({@link PipelineCluster}), one ingest per protocol serving all venues of that protocol, the lap processor and the
 * state publisher (each a child JVM from its real main), and one simulated piece of timing hardware per venue
 * connected to its ingest. Venue {@code i} uses protocol {@code i % 4} ({@link VenuePlan#protocol}).
 */
final class BenchPipeline implements AutoCloseable {

    static final String APPLICATION_ID = "pitwall-bench";
    private static final String SMARTRACE_ROOT_VENUE = "bench-smartrace-root";

    final PipelineCluster cluster;
    final Services services;
    final ServiceProcess processor;
    final ServiceProcess publisher;
    final List<ServiceProcess> ingests = new ArrayList<>();
    final List<TimingHardware> hardware = new ArrayList<>();
    final RaceControl raceControl;

    private BenchPipeline(Path dir, int venues, Map<String, String> processorOptions, BenchMain.JvmOptions jvm) {
        long started = System.nanoTime();
        cluster = PipelineCluster.start(dir, jvm.broker());
        services = new Services(cluster);
        ServiceProcess lapProcessor = services.lapProcessor("lap-processor", APPLICATION_ID).jvmOptions(jvm.services());
        processorOptions.forEach(lapProcessor::option);
        processor = lapProcessor.startAsync();
        publisher = services.statePublisher("state-publisher").jvmOptions(jvm.services()).startAsync();

        List<Integer> lapSnapper = venuesOf(venues, Hardware.LAPSNAPPER);
        List<Integer> ctp01 = venuesOf(venues, Hardware.CTP01);
        List<Integer> chronoFly = venuesOf(venues, Hardware.CHRONOFLY);
        List<Integer> smartrace = venuesOf(venues, Hardware.SMARTRACE);
        TimingHardware[] byVenue = new TimingHardware[venues];

        // LapSnapper servers listen and the ingest dials them: servers first
        for (int v : lapSnapper) {
            byVenue[v] = new LapSnapperHardware();
        }
        if (!lapSnapper.isEmpty()) {
            int first = lapSnapper.get(0);
            ingests.add(services.lapSnapperIngest("ingest-lapsnapper", VenuePlan.venueId(first),
                            ((LapSnapperHardware) byVenue[first]).port(), LapSnapperHardware.PASSWORD, LapSnapperHardware.PIN)
                    .jvmOptions(jvm.services())
                    .option("lapsnapper.servers", lapSnapper.stream()
                            .map(v -> VenuePlan.venueId(v) + "@127.0.0.1:" + ((LapSnapperHardware) byVenue[v]).port())
                            .collect(Collectors.joining(",")))
                    .startAsync());
        }
        int ctp01Port = Services.freePort();
        if (!ctp01.isEmpty()) {
            String firstVenue = VenuePlan.venueId(ctp01.get(0));
            ServiceProcess ingest = services.ctp01Ingest("ingest-ctp01", firstVenue, ctp01Port,
                    ChronoTrackHardware.userOf(firstVenue), ChronoTrackHardware.PASSWORD);
            ingest.jvmOptions(jvm.services()).option("ctp01.venues", ctp01.stream().map(VenuePlan::venueId).collect(Collectors.joining(",")));
            for (int v : ctp01) {
                String venue = VenuePlan.venueId(v);
                ingest.option("ctp01.venue." + venue + ".authentication", "hmac-sha1")
                        .option("ctp01.venue." + venue + ".password." + ChronoTrackHardware.userOf(venue),
                                ChronoTrackHardware.PASSWORD);
            }
            ingests.add(ingest.startAsync());
        }
        int chronoCloudPort = Services.freePort();
        if (!chronoFly.isEmpty()) {
            ingests.add(services.chronoCloudIngest("ingest-chronocloud", chronoCloudPort, chronoFly.stream()
                    .map(v -> ChronoFlyHardware.stationsOption(v, VenuePlan.venueId(v)))
                    .collect(Collectors.joining(",")))
                    .jvmOptions(jvm.services())
                    // every simulated station connects from 127.0.0.1, as stations behind one NAT would
                    .option("chronocloud.max.connections.per.address", Integer.toString(2 * chronoFly.size() + 8))
                    .startAsync());
        }
        int smartracePort = Services.freePort();
        if (!smartrace.isEmpty()) {
            ingests.add(services.smartraceIngest("ingest-smartrace", SMARTRACE_ROOT_VENUE, smartracePort)
                    .jvmOptions(jvm.services())
                    .option("smartrace.venues", smartrace.stream().map(VenuePlan::venueId)
                            .collect(Collectors.joining(",")))
                    .startAsync());
        }
        for (ServiceProcess service : services()) {
            service.awaitReady(Duration.ofMinutes(3));
        }
        for (int v : ctp01) {
            String venue = VenuePlan.venueId(v);
            byVenue[v] = new ChronoTrackHardware(venue, ctp01Port, Instant.now(), ChronoTrackHardware.userOf(venue));
        }
        for (int v : chronoFly) {
            byVenue[v] = ChronoFlyHardware.ofVenue(chronoCloudPort, v, "benchmark");
        }
        for (int v : smartrace) {
            byVenue[v] = SmartraceHardware.ofVenue(smartracePort, VenuePlan.venueId(v));
        }
        hardware.addAll(List.of(byVenue));
        for (int v = 0; v < venues; v++) {
            Replay.awaitReady(hardware.get(v), Duration.ofMinutes(1), VenuePlan.venueId(v) + "'s hardware");
        }
        raceControl = new RaceControl(cluster);
        System.out.printf("pipeline up in %.1f s: %d venues (%d LapSnapper, %d CTP01, %d ChronoFly, %d Smartrace), %d"
                        + " service JVMs, Kafka %s%n", (System.nanoTime() - started) / 1e9, venues, lapSnapper.size(),
                ctp01.size(), chronoFly.size(), smartrace.size(), services().size(), cluster.bootstrapServers());
    }

    static BenchPipeline start(Path dir, int venues, Map<String, String> processorOptions, BenchMain.JvmOptions jvm) {
        return new BenchPipeline(dir, venues, processorOptions, jvm);
    }

    private static List<Integer> venuesOf(int venues, Hardware protocol) {
        return IntStream.range(0, venues).filter(v -> VenuePlan.protocol(v) == protocol).boxed().toList();
    }

    /** Every service JVM: ingests, lap processor, publisher. */
    List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(ingests);
        all.add(processor);
        all.add(publisher);
        return all;
    }

    @Override
    public void close() {
        hardware.forEach(h -> {
            if (h != null) {
                h.close();
            }
        });
        if (raceControl != null) {
            raceControl.close();
        }
        services.close();
        cluster.close();
    }
}
