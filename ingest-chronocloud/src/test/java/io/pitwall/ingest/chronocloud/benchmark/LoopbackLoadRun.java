package io.pitwall.ingest.chronocloud.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.server.ChronoCloudServer;
import io.pitwall.ingest.chronocloud.server.ServerSettings;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import io.pitwall.ingest.chronocloud.session.EventSink;
import io.pitwall.ingest.chronocloud.session.PassingLedger;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.simulator.chronocloud.ChronoFlySimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * The whole server on loopback: N simulated stations each register P passings as fast as they can;
 * every PDU is decoded, deduped, mapped and serialized to the Confluent wire format, "acknowledged" at
 * once (no broker: this measures the ingest, not Kafka) and confirmed; the run ends when every
 * station has every passing confirmed. Prints PDUs per second. Stations and server share the machine.
 *
 * <pre>
 * ./mvnw -q -B -pl ingest-chronocloud test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath io.pitwall.ingest.chronocloud.benchmark.LoopbackLoadRun 4 25000"
 * </pre>
 */
public final class LoopbackLoadRun {

    private LoopbackLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int stations = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int perStation = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 1; round <= rounds; round++) {
            double rate = run(stations, perStation, round);
            System.out.printf("run %d: %d stations x %d passings: %.0f passing PDUs/s confirmed%n", round, stations,
                    perStation, rate);
        }
    }

    private static double run(int stationCount, int perStation, int round) throws Exception {
        StubRegistry registry = new StubRegistry();
        PitwallAvroSerializer<SpecificRecord> serializer = new PitwallAvroSerializer<>(registry.client());
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        AtomicLong bytes = new AtomicLong();
        // one serializing thread at a time, like the publisher's own sender thread
        EventSink serializeAndAcknowledge = (topic, venue, event) -> {
            synchronized (serializer) {
                bytes.addAndGet(serializer.serialize(topic.name(), event).length);
            }
            return CompletableFuture.completedFuture(null);
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        VenueClocks clocks = VenueClocks.of(ZoneOffset.UTC);
        SessionContext context = new SessionContext(new StationDirectory(Map.of(), Optional.of("load")),
                new SignatureVerifier(StationKeys.none()), SignatureFailureAction.REJECT,
                new PassingLedger(10_000, 4096, Clock.systemUTC()), new PassingMapper(clocks, LineMap.defaultMap()),
                new DecoderStatusMapper(clocks), serializeAndAcknowledge, new IngestMetrics(meters, "CHRONOCLOUD"),
                new ChronoCloudMetrics(meters), Clock.systemUTC(), Duration.ofSeconds(95));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, "/", 16_384, 1024, 1024, Duration.ofSeconds(95),
                Duration.ofSeconds(10), 0, Optional.empty());
        try (ChronoCloudServer server = ChronoCloudServer.start(settings, context, channel -> { })) {
            List<ChronoFlySimulator> stations = new ArrayList<>();
            for (int s = 0; s < stationCount; s++) {
                ChronoFlySimulator station = ChronoFlySimulator.builder(URI.create("ws://127.0.0.1:" + server.port() + "/"))
                        // a cycle longer than the run: every PDU is written once, re-sends would only measure the
                        // station's patience
                        .station("load-" + s).round("run " + round).cycle(Duration.ofMinutes(2)).build().start();
                if (!station.awaitConnected(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("station did not connect: " + station.lastError());
                }
                stations.add(station);
            }
            Instant t0 = Instant.parse("2024-05-12T12:00:00Z");
            long start = System.nanoTime();
            List<Thread> feeders = new ArrayList<>();
            for (ChronoFlySimulator station : stations) {
                Thread feeder = new Thread(() -> {
                    for (int i = 0; i < perStation; i++) {
                        station.pass(Integer.toString(i % 50), t0.plusMillis(i));
                    }
                });
                feeder.start();
                feeders.add(feeder);
            }
            for (Thread feeder : feeders) {
                feeder.join();
            }
            for (ChronoFlySimulator station : stations) {
                if (!station.awaitAllConfirmed(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("not all confirmed: " + station.unconfirmed().size() + " left");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stations.forEach(ChronoFlySimulator::close);
            serializer.close();
            registry.close();
            return stationCount * (double) perStation / seconds;
        }
    }
}
