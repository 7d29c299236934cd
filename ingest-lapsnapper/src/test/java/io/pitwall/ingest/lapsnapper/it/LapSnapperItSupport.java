package io.pitwall.ingest.lapsnapper.it;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Passing;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.simulator.lapsnapper.CommandOutcome;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import io.pitwall.simulator.lapsnapper.SentTimeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the LapSnapper integration tests share: the cluster, simulators and ingests that are closed after each
 * test, collectors of the ingest's topics, and the helpers that feed and inspect them. Every test uses its own
 * venue ids, so tests share the topics and the cluster.
 */
abstract class LapSnapperItSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final long T0 = 1_767_225_600_000L;

    final List<AutoCloseable> resources = new ArrayList<>();
    KafkaCluster cluster;

    @BeforeEach
    void cluster(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    // ---- helpers ----

    static String venue(String name) {
        return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static long handshakes(LapSnapperSimulator simulator, CommandOutcome outcome) {
        return simulator.receivedCommands().stream().filter(c -> c.messageId() == 6000 && c.outcome() == outcome)
                .count();
    }

    static double outOfOrder(List<SentTimeEvent> sent) {
        long highest = 0;
        int count = 0;
        for (SentTimeEvent e : sent) {
            if (e.timeStampId() < highest) {
                count++;
            }
            highest = Math.max(highest, e.timeStampId());
        }
        return count;
    }

    static void publishLaps(LapSnapperSimulator simulator, int from, int count) {
        for (int i = from; i < from + count; i++) {
            simulator.publish(10_001 + i % 3, 1, "Car " + (i % 3 + 1), T0 + i * 20_000L, 1);
        }
    }

    static DecoderStatus first(EventCollector<DecoderStatus> statuses, DecoderStatusKind kind) {
        return statuses.values().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
    }

    /** A simulator with fast heartbeats, on a free port unless the config names one. */
    LapSnapperSimulator simulator(LapSnapperSimulatorConfig config) {
        LapSnapperSimulatorConfig c = config.port() == LapSnapperSimulatorConfig.DEFAULT_PORT ? config.withPort(0) : config;
        LapSnapperSimulator simulator = LapSnapperSimulator.start(c.withHeartbeatInterval(Duration.ofMillis(200)));
        resources.add(simulator);
        return simulator;
    }

    IngestUnderTest ingest;

    IngestUnderTest ingest(String... args) throws Exception {
        ingest = IngestUnderTest.start(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), args);
        resources.add(ingest);
        return ingest;
    }

    EventCollector<Passing> passings(String venue) {
        EventCollector<Passing> collector = new EventCollector<>(cluster.bootstrapServers(),
                cluster.schemaRegistryUrl(), Topics.PASSINGS.name(), Passing.class, venue);
        resources.add(collector);
        return collector;
    }

    EventCollector<DecoderStatus> statuses(String venue) {
        EventCollector<DecoderStatus> collector = new EventCollector<>(cluster.bootstrapServers(),
                cluster.schemaRegistryUrl(), Topics.DECODER_STATUS.name(), DecoderStatus.class, venue);
        resources.add(collector);
        return collector;
    }

    KafkaProducer<String, DecoderCommand> commandProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        PitwallAvroSerializer<DecoderCommand> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }
}
