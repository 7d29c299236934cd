package io.pitwall.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.processor.timing71.ReferenceShapes;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md point 7 on a real broker and registry: four generated race sessions, sent disordered and partly
 * duplicated through {@code timing.passings}, processed by the lap-processor service in a child JVM that is
 * SIGKILLed mid-stream twice: once restarted on the same state directory, once on an empty one so that every
 * store is restored from its changelog. Read with {@code read_committed}, the lap events must contain no
 * duplicated or lost lap and end in exactly the generator's ground truth; the last Timing71 state of each
 * session must show the ground-truth classification and be shaped like the reference recordings. Then a
 * poison record goes to the dead-letter topic, the metrics show it, and SIGTERM shuts the service down.
 */
@ExtendWith(KafkaClusterExtension.class)
class ExactlyOnceRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartIT.class);
    private static final List<Long> SEEDS = List.of(11L, 12L, 13L, 14L);
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void shouldEndInTheGroundTruthThroughKillsAndRestarts(KafkaCluster cluster, @TempDir Path dir) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : LapProcessorService.TOPICS) {
            topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
        }
        cluster.createTopics(topics);
        List<RaceTimeline> races = SEEDS.stream().map(seed -> RaceGenerator.generate(RaceScenario.race(seed))).toList();
        List<Passing> live = liveOrder(races, new Random(7));
        LOG.info("{} sessions, {} passings to send (with duplicates)", races.size(), live.size());
        List<String> options = List.of("--kafka.bootstrap.servers=" + cluster.bootstrapServers(),
                "--schema.registry.url=" + cluster.schemaRegistryUrl(),
                "--application.id=lap-processor-it-" + UUID.randomUUID(),
                // static membership: a restarted instance takes its tasks back without waiting for the dead
                // one's session to expire
                "--kafka.group.instance.id=lap-processor-it-0",
                "--commit.interval=100ms");

        try (KafkaProducer<String, Object> producer = producer(cluster);
             OutputReader out = new OutputReader(cluster.bootstrapServers(), cluster.schemaRegistryUrl())) {
            for (RaceTimeline race : races) {
                producer.send(new ProducerRecord<>(Topics.SESSIONS.name(), race.scenario().venueId(), race.sessionConfig()));
                for (SessionControl control : race.controls()) {
                    producer.send(new ProducerRecord<>(Topics.SESSION_CONTROL.name(), control.getVenueId(), control));
                }
            }
            producer.flush();

            try (LapProcessorProcess first = LapProcessorProcess.start(with(options, dir.resolve("a")), dir.resolve("a.log"))) {
                first.awaitReady(START);
                send(producer, live, 0.0, 0.35);
                await().atMost(Duration.ofSeconds(60)).until(() -> out.poll().ledger().lapCount() > 0);
                // killed while those records are still arriving: in the middle of processing them
                send(producer, live, 0.35, 0.6);
                first.kill();
                producer.flush();
                LOG.info("killed the first instance with {} laps committed", out.poll().ledger().lapCount());
            }
            try (LapProcessorProcess second = LapProcessorProcess.start(with(options, dir.resolve("a")),
                    dir.resolve("b.log"))) {
                second.awaitReady(START);
                int before = out.poll().ledger().lapCount();
                send(producer, live, 0.6, 0.8);
                // it has worked for a while (restored, caught up, committed) before it is killed in the middle
                await().atMost(Duration.ofSeconds(60)).until(() -> out.poll().ledger().lapCount() >= before + 30);
                send(producer, live, 0.8, 1.0);
                second.kill();
                producer.flush();
                LOG.info("killed the second instance (same state directory) with {} laps committed",
                        out.poll().ledger().lapCount());
            }
            try (LapProcessorProcess third = LapProcessorProcess.start(with(options, dir.resolve("c")),
                    dir.resolve("c.log"))) {
                third.awaitReady(START);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> matchesGroundTruth(out.poll(), races));

                for (RaceTimeline race : races) {
                    String venue = race.scenario().venueId();
                    String session = race.scenario().sessionId();
                    assertThat(out.ledger().lines(venue, session)).as(venue + " laps")
                            .isEqualTo(LapLedger.expected(race.groundTruth()));
                    String uuid = ServiceIds.serviceUuid(venue, session);
                    JsonNode manifest = out.manifest(uuid);
                    JsonNode state = out.state(uuid);
                    assertThat(Standings.of(manifest, state)).as(venue + " classification")
                            .isEqualTo(Standings.expected(race.groundTruth()));
                    assertThat(manifest.get("uuid").asText()).isEqualTo(uuid);
                    assertThat(state.get("messages")).as(venue + " message log, kept across the restarts").isNotEmpty();
                    for (String recording : ReferenceShapes.RECORDINGS) {
                        ReferenceShapes shapes = ReferenceShapes.of(recording);
                        shapes.assertManifestShaped(manifest);
                        shapes.assertColumnsShaped(manifest);
                        shapes.assertCellsShaped(manifest, state);
                        shapes.assertStateShaped(state);
                    }
                }
                assertThat(out.ledger().anomalies()).as("duplicated or lost lap events").isEmpty();
                LOG.info("ground truth reached: {} lap events, {} states read", out.ledger().events(), out.stateRecords());

                poisonRecordGoesToTheDeadLetterTopic(cluster, third, out);

                int status = third.stop(Duration.ofSeconds(60));
                assertThat(status).as("exit status after SIGTERM: the JVM's 128 + 15").isEqualTo(143);
                assertThat(third.log()).contains("lap-processor stopped");
            }
        }
    }

    private static void poisonRecordGoesToTheDeadLetterTopic(KafkaCluster cluster, LapProcessorProcess service,
                                                             OutputReader out) throws Exception {
        byte[] poison = "{\"transponder\":\"1000193\"}".getBytes(StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.PASSINGS.name(), "venue-11", poison)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !out.poll().deadLetters().isEmpty());
        JsonNode dead = out.deadLetters().get(0);
        assertThat(dead.get("topic").asText()).isEqualTo(Topics.PASSINGS.name());
        assertThat(dead.get("reason").asText()).containsIgnoringCase("magic byte");
        assertThat(java.util.Base64.getDecoder().decode(dead.get("valueBase64").asText())).isEqualTo(poison);

        String metrics = service.get("/metrics").body();
        assertThat(metrics).contains("pitwall_processor_dead_letters_total{service=\"lap-processor\",topic=\"timing.passings\"} 1.0")
                .contains("pitwall_processor_duplicates_dropped_total")
                .contains("pitwall_processor_states_published_total")
                .as("Kafka Streams' own metrics, bound to Micrometer").contains("kafka_stream_thread_");
        assertThat(service.get("/health/ready").status()).isEqualTo(200);
        assertThat(service.get("/health/live").status()).isEqualTo(200);
    }

    private static boolean matchesGroundTruth(OutputReader out, List<RaceTimeline> races) {
        for (RaceTimeline race : races) {
            String venue = race.scenario().venueId();
            String session = race.scenario().sessionId();
            if (!out.ledger().lines(venue, session).equals(LapLedger.expected(race.groundTruth()))) {
                return false;
            }
            String uuid = ServiceIds.serviceUuid(venue, session);
            if (out.state(uuid) == null || out.manifest(uuid) == null
                    || !Standings.of(out.manifest(uuid), out.state(uuid)).equals(Standings.expected(race.groundTruth()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * All sessions' passings as a live feed would bring them: interleaved by passing time, a fifth of them a few
     * places out of order, one in ten sent twice (a decoder resending after a reconnect).
     */
    private static List<Passing> liveOrder(List<RaceTimeline> races, Random random) {
        List<Passing> all = new ArrayList<>();
        races.forEach(race -> all.addAll(race.passings()));
        all.sort(Comparator.comparing(Passing::getPassingTime));
        for (int i = 0; i < all.size() - 4; i++) {
            if (random.nextDouble() < 0.2) {
                int j = i + 1 + random.nextInt(3);
                Passing swap = all.get(i);
                all.set(i, all.get(j));
                all.set(j, swap);
            }
        }
        List<Passing> withDuplicates = new ArrayList<>(all);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (random.nextDouble() < 0.1) {
                withDuplicates.add(Math.min(withDuplicates.size(), i + 1 + random.nextInt(20)), all.get(i));
            }
        }
        return withDuplicates;
    }

    /** Sends a slice of the feed without waiting for it (the producer delivers it whatever happens next). */
    private static void send(KafkaProducer<String, Object> producer, List<Passing> passings, double from, double to) {
        int start = (int) Math.round(passings.size() * from);
        int end = (int) Math.round(passings.size() * to);
        for (Passing passing : passings.subList(start, end)) {
            producer.send(new ProducerRecord<>(Topics.PASSINGS.name(), passing.getVenueId(), passing));
        }
    }

    private static KafkaProducer<String, Object> producer(KafkaCluster cluster) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    private static List<String> with(List<String> options, Path stateDir) {
        List<String> all = new ArrayList<>(options);
        all.add("--state.dir=" + stateDir);
        return all;
    }
}
