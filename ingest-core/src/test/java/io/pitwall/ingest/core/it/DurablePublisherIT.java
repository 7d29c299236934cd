package io.pitwall.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.publish.DurablePublisher;
import io.pitwall.ingest.core.publish.PublishException;
import io.pitwall.ingest.core.testing.SamplePassings;
import io.pitwall.schemas.catalog.CleanupPolicy;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.ValueFormat;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The publisher against a real broker and schema registry, with the real Avro serializer. */
@ExtendWith(KafkaClusterExtension.class)
class DurablePublisherIT {

    @Test
    void aStageCompletesOnlyOnceTheRecordIsReadableFromKafka(KafkaCluster cluster) throws Exception {
        TopicSpec topic = uniqueTopic("confirm");
        try (DurablePublisher<SpecificRecord> publisher = publisher(cluster, topic, cluster.schemaRegistryUrl());
                KafkaConsumer<String, Passing> consumer = consumer(cluster)) {
            publisher.start();

            Map<String, Integer> partitionOfVenue = new HashMap<>();
            for (int seq = 0; seq < 9; seq++) {
                String venue = "venue-" + (seq % 3);
                Passing passing = SamplePassings.passing(venue, seq);

                RecordMetadata ack = publisher.publish(topic, venue, passing).toCompletableFuture().get(30, TimeUnit.SECONDS);

                // read it back right after the acknowledgement: it must be there, at the acknowledged offset
                TopicPartition tp = new TopicPartition(topic.name(), ack.partition());
                consumer.assign(List.of(tp));
                consumer.seek(tp, ack.offset());
                ConsumerRecord<String, Passing> read = consumer.poll(Duration.ofSeconds(10)).records(tp).get(0);
                assertThat(read.offset()).isEqualTo(ack.offset());
                assertThat(read.key()).isEqualTo(venue);
                assertThat(read.value()).isEqualTo(passing);
                assertThat(partitionOfVenue.computeIfAbsent(venue, v -> ack.partition()))
                        .as("one venue, one partition").isEqualTo(ack.partition());
            }
            assertThat(publisher.bufferedRecords()).isZero();
        }
    }

    @Test
    void manyInFlightRecordsAreAllConfirmedInPerVenueOrder(KafkaCluster cluster) throws Exception {
        TopicSpec topic = uniqueTopic("order");
        int count = 2_000;
        try (DurablePublisher<SpecificRecord> publisher = publisher(cluster, topic, cluster.schemaRegistryUrl());
                KafkaConsumer<String, Passing> consumer = consumer(cluster)) {
            publisher.start();
            List<CompletableFuture<RecordMetadata>> acks = new java.util.ArrayList<>();
            for (int seq = 0; seq < count; seq++) {
                String venue = "venue-" + (seq % 5);
                acks.add(publisher.publish(topic, venue, SamplePassings.passing(venue, seq)).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            consumer.subscribe(List.of(topic.name()));
            Map<String, Long> lastSequence = new HashMap<>();
            int[] read = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, Passing> r : consumer.poll(Duration.ofMillis(200))) {
                    Long previous = lastSequence.put(r.key(), r.value().getSequence());
                    assertThat(previous == null || previous < r.value().getSequence())
                            .as("per-venue order for %s: %s then %s", r.key(), previous, r.value().getSequence()).isTrue();
                    read[0]++;
                }
                return read[0] >= count;
            });
            assertThat(read[0]).isEqualTo(count);
        }
    }

    @Test
    void anInvalidEventFailsAndIsNotConfirmedWhileOthersGoThrough(KafkaCluster cluster) throws Exception {
        TopicSpec topic = uniqueTopic("invalid");
        try (DurablePublisher<SpecificRecord> publisher = publisher(cluster, topic, cluster.schemaRegistryUrl())) {
            publisher.start();
            Passing broken = new Passing(); // required fields missing

            CompletableFuture<RecordMetadata> bad = publisher.publish(topic, "spa", broken).toCompletableFuture();
            CompletableFuture<RecordMetadata> good =
                    publisher.publish(topic, "spa", SamplePassings.passing("spa", 1)).toCompletableFuture();

            assertThat(good.get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(bad).isCompletedExceptionally();
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, bad::get);
            assertThat(((PublishException) failure.getCause()).reason()).isEqualTo(PublishException.Reason.SERIALIZATION);
        }
    }

    @Test
    void anUnreachableRegistryHoldsRecordsInsteadOfFailingThem(KafkaCluster cluster) {
        TopicSpec topic = uniqueTopic("no-registry");
        DurablePublisher<SpecificRecord> publisher = publisher(cluster, topic, "http://127.0.0.1:1");
        try {
            publisher.start();
            CompletableFuture<RecordMetadata> held =
                    publisher.publish(topic, "spa", SamplePassings.passing("spa", 1)).toCompletableFuture();

            await().atMost(Duration.ofSeconds(20)).until(publisher::isSchemaRegistryUnreachable);
            assertThat(held).isNotDone();
            assertThat(publisher.bufferedRecords()).isEqualTo(1);
        } finally {
            publisher.close(Duration.ofMillis(500));
        }
    }

    private static DurablePublisher<SpecificRecord> publisher(KafkaCluster cluster, TopicSpec topic, String registryUrl) {
        PitwallAvroSerializer<SpecificRecord> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl, "max.retries", 0), false);
        return DurablePublisher.builder((org.apache.kafka.common.serialization.Serializer<SpecificRecord>) serializer)
                .bootstrapServers(cluster.bootstrapServers())
                .clientId("durable-publisher-it")
                .topics(topic)
                .stallThreshold(Duration.ofSeconds(2))
                .build();
    }

    private static KafkaConsumer<String, Passing> consumer(KafkaCluster cluster) {
        PitwallAvroDeserializer<Passing> values = new PitwallAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl(), "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "durable-publisher-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), values);
    }

    private static TopicSpec uniqueTopic(String what) {
        return new TopicSpec("it.publisher." + what + "." + UUID.randomUUID().toString().substring(0, 8), "venue id",
                ValueFormat.AVRO, Passing.getClassSchema(), "Passing", 3, CleanupPolicy.DELETE, null, "test topic");
    }
}
