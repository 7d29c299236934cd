package io.pitwall.processor.bench;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.testing.BenchOptions;
import io.pitwall.processor.topology.EventSerdes;
import io.pitwall.processor.topology.LapProcessorConfig;
import io.pitwall.processor.topology.LapProcessorTopology;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallSerdes;
import io.pitwall.simulator.race.RaceTimeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The lap processor's own CPU cost per passing, without a broker: the whole topology (the registry serde over
 * an in-memory registry, dedupe and reorder, timing model, Timing71 rendering, RocksDB stores, changelog records)
 * in a {@link TopologyTestDriver} on one thread, the wall clock advanced by the passings' own times so that state
 * pacing behaves as in a replay at {@code --speed} times real time, every passing stamped as a backlog. What it
 * leaves out is Kafka's part (fetching, producing, transactions, the broker), which {@link ReplayBenchmark}
 * measures with it. The driver commits after every record, so the record cache is off here.
 *
 * <pre>
 * java -cp "$CP" io.pitwall.processor.bench.TopologyCostBenchmark --venues=100 --cars=20 --laps=40 --rounds=3
 * </pre>
 */
public final class TopologyCostBenchmark {

    private TopologyCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.trustPitwallPackages();
        BenchOptions options = new BenchOptions(args);
        int venues = options.integer("venues", 100);
        int cars = options.integer("cars", 20);
        int laps = options.integer("laps", 40);
        int rounds = options.integer("rounds", 3);
        // a replay goes through the passings this many times faster than they happened
        int speed = options.integer("speed", 500);
        options.rejectUnknown();
        BenchSessions sessions = new BenchSessions(venues, cars, laps);
        List<Passing> passings = sessions.interleaved();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            String scope = "topology-cost-" + round;
            Map<String, Object> registry = Map.of("schema.registry.url", "mock://" + scope);
            EventSerdes serdes = new EventSerdes(PitwallSerdes.forValue(Passing.class, registry),
                    PitwallSerdes.forValue(SessionConfig.class, registry),
                    PitwallSerdes.forValue(SessionControl.class, registry),
                    PitwallSerdes.forValue(LapEvent.class, registry));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, scope);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(scope).toString());
            // the test driver commits after every record, so a record cache would only add its own cost here
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
            Instant start = passings.get(0).getPassingTime().minusSeconds(60);
            try (TopologyTestDriver driver = new TopologyTestDriver(
                    LapProcessorTopology.build(LapProcessorConfig.defaults(), serdes), props, start)) {
                TestInputTopic<String, SessionConfig> configs = driver.createInputTopic(Topics.SESSIONS.name(),
                        Serdes.String().serializer(), serdes.sessions().serializer());
                TestInputTopic<String, SessionControl> controls = driver.createInputTopic(
                        Topics.SESSION_CONTROL.name(), Serdes.String().serializer(), serdes.controls().serializer());
                TestInputTopic<String, Passing> input = driver.createInputTopic(Topics.PASSINGS.name(),
                        Serdes.String().serializer(), serdes.passings().serializer());
                for (RaceTimeline race : sessions.races) {
                    configs.pipeInput(race.scenario().venueId(), race.sessionConfig());
                    race.controls().forEach(control -> controls.pipeInput(control.getVenueId(), control));
                }
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                Instant replayClock = start;
                long raceStart = passings.get(0).getPassingTime().toEpochMilli();
                for (Passing passing : passings) {
                    // stamped as a backlog produced before the replay started, as in ReplayBenchmark
                    input.pipeInput(passing.getVenueId(), passing, start);
                    Instant due = start.plusMillis((passing.getPassingTime().toEpochMilli() - raceStart) / speed);
                    if (due.isAfter(replayClock)) {
                        driver.advanceWallClockTime(Duration.between(replayClock, due));
                        replayClock = due;
                    }
                }
                double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / passings.size();
                double seconds = (System.nanoTime() - wall) / 1e9;
                System.out.printf("round %d: %,d passings in %.1f s = %,.0f passings/s on one thread;"
                                + " %.1f us CPU per passing (replay at %dx real time)%n", round, passings.size(),
                        seconds, passings.size() / seconds, cpuMicros, speed);
            }
        }
        System.out.printf("  %s%n  %s%n", BenchInfrastructure.machine(), options.describe());
    }
}
