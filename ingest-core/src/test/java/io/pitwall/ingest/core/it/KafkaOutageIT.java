package io.pitwall.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.ingest.core.health.HealthRegistry;
import io.pitwall.ingest.core.health.HealthServer;
import io.pitwall.ingest.core.health.KafkaReachabilityProbe;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.publish.DurablePublisher;
import io.pitwall.ingest.core.testing.LogCapture;
import io.pitwall.schemas.catalog.CleanupPolicy;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.ValueFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability contract end to end: a real broker is stopped for about ten seconds while an
 * "ingest" keeps publishing as long as the publisher lets it, then restarted.
 */
class KafkaOutageIT {

    static final int MAX_BUFFERED = 400;          // pause at 300, resume at 200
    static final int VENUES = 4;

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final List<Boolean> writability = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
    final TopicSpec topic = new TopicSpec("it.outage", "venue id", ValueFormat.JSON, null, "text", 3,
            CleanupPolicy.DELETE, null, "outage test");

    EmbeddedKafka kafka;
    KafkaReachabilityProbe probe;
    HealthServer health;
    DurablePublisher<String> publisher;
    int nextSequence;

    @AfterEach
    void tearDown() {
        if (publisher != null) {
            publisher.close(Duration.ofSeconds(5));
        }
        if (health != null) {
            health.close();
        }
        if (probe != null) {
            probe.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void recordsPublishedDuringAnOutageAreHeldUnconfirmedThenDeliveredExactlyOnce() throws Exception {
        kafka = EmbeddedKafka.builder(dataDir.resolve("kafka")).build().start();
        String bootstrap = kafka.bootstrapServers();
        probe = KafkaReachabilityProbe.create(Map.of("bootstrap.servers", bootstrap), Duration.ofMillis(500),
                Duration.ofSeconds(1)).start();
        HealthRegistry checks = new HealthRegistry().addReadiness("kafka", probe);
        health = HealthServer.start("127.0.0.1", 0, checks, registry);
        publisher = DurablePublisher.builder(new StringSerializer())
                .bootstrapServers(bootstrap)
                .clientId("outage-it")
                .topics(topic)
                .replicationFactor((short) 1)
                .maxBufferedRecords(MAX_BUFFERED)
                .stallThreshold(Duration.ofSeconds(2))
                .outageLogInterval(Duration.ofSeconds(2))
                .metrics(new IngestMetrics(registry, "TEST"))
                .kafkaReachability(probe::isReachable)
                .build();
        publisher.addBackPressureListener(writability::add);
        publisher.start();
        checks.addLiveness("publisher", publisher.livenessCheck());

        try (LogCapture log = LogCapture.of(DurablePublisher.class)) {
            // 1. normal operation
            publishWhileWritable(50);
            for (CompletableFuture<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            await().untilAsserted(() -> assertThat(status("/health/ready")).isEqualTo(200));
            int confirmedBeforeOutage = acks.size();

            // 2. Kafka goes away; the hardware keeps sending until told to stop reading
            kafka.stop();
            long outageStart = System.nanoTime();
            int sentDuringOutage = publishWhileWritable(10_000);
            assertThat(publisher.isWritable()).isFalse();
            assertThat(sentDuringOutage).as("reads pause at three quarters of the bound").isEqualTo(MAX_BUFFERED * 3 / 4);
            await().untilAsserted(() -> assertThat(writability).containsExactly(false));
            // frames already read when reading stops still fit in the headroom
            for (int i = 0; i < 20; i++) {
                acks.add(publishNext());
            }
            int held = sentDuringOutage + 20;

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(status("/health/ready")).isEqualTo(503);
                assertThat(publisher.isKafkaUnreachable()).isTrue();
            });
            assertThat(status("/health/live")).as("an outage is no reason to restart").isEqualTo(200);
            // the outage lasts about ten seconds; nothing may be confirmed meanwhile
            while (System.nanoTime() - outageStart < TimeUnit.SECONDS.toNanos(10)) {
                assertThat(acks.subList(confirmedBeforeOutage, acks.size())).noneMatch(CompletableFuture::isDone);
                Thread.sleep(250);
            }
            assertThat(gauge(MetricNames.KAFKA_UNREACHABLE)).isEqualTo(1.0);
            assertThat(gauge(MetricNames.KAFKA_UNREACHABLE_DURATION)).isGreaterThanOrEqualTo(5.0);
            assertThat(gauge(MetricNames.BUFFERED_RECORDS)).isEqualTo(held);
            assertThat(gauge(MetricNames.PUBLISH_WRITABLE)).isZero();
            assertThat(log.messages()).anyMatch(m -> m.matches(
                    "Kafka unreachable for \\d+s, holding " + held + " records, not confirming; hardware reads paused.*"));
            assertThat(scrape()).contains("pitwall_ingest_kafka_unreachable{source=\"TEST\"} 1.0");

            // 3. Kafka is back: everything held is delivered and confirmed, reads resume, without a restart
            kafka.start();
            for (CompletableFuture<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            await().untilAsserted(() -> assertThat(writability).containsExactly(false, true));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(status("/health/ready")).isEqualTo(200);
                assertThat(gauge(MetricNames.KAFKA_UNREACHABLE)).isZero();
            });
            assertThat(gauge(MetricNames.BUFFERED_RECORDS)).isZero();
            assertThat(log.contains("Kafka reachable again after")).isTrue();

            // and reading works again
            publishWhileWritable(10);
            for (CompletableFuture<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }

        // 4. every record exactly once, each venue in order
        assertExactlyOnceInOrder(kafka.bootstrapServers(), nextSequence);
    }

    /** Publishes like a Netty handler with autoRead: stops as soon as the publisher is not writable. */
    private int publishWhileWritable(int max) {
        int sent = 0;
        while (sent < max && publisher.isWritable()) {
            acks.add(publishNext());
            sent++;
        }
        return sent;
    }

    private CompletableFuture<RecordMetadata> publishNext() {
        int seq = nextSequence++;
        String venue = "venue-" + (seq % VENUES);
        return publisher.publish(topic, venue, venue + ":" + seq).toCompletableFuture();
    }

    private void assertExactlyOnceInOrder(String bootstrap, int expected) {
        Map<Integer, Integer> seen = new HashMap<>();
        Map<String, Integer> lastPerVenue = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            // assigned, not subscribed: no consumer-group rebalance to wait for
            List<TopicPartition> partitions = java.util.stream.IntStream.range(0, topic.partitions())
                    .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int total = 0;
            while (total < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    int seq = Integer.parseInt(r.value().substring(r.value().indexOf(':') + 1));
                    assertThat(r.value()).startsWith(r.key() + ":");
                    seen.merge(seq, 1, Integer::sum);
                    Integer previous = lastPerVenue.put(r.key(), seq);
                    assertThat(previous == null || previous < seq).as("order of %s: %s then %s", r.key(), previous, seq).isTrue();
                    total++;
                }
            }
            // a little longer, to catch duplicates arriving after the expected count
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> seen.merge(
                    Integer.parseInt(r.value().substring(r.value().indexOf(':') + 1)), 1, Integer::sum));
        }
        assertThat(seen).hasSize(expected);
        assertThat(seen.values()).allMatch(n -> n == 1);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private String scrape() {
        return registry.scrape();
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
