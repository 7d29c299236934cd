package io.pitwall.ingest.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.publish.PublishException.Reason;
import io.pitwall.ingest.core.testing.LogCapture;
import io.pitwall.schemas.catalog.Topics;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher's contract against Kafka's {@link MockProducer}, which acknowledges only when told to. */
class DurablePublisherTest {

    final MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry, "TEST");
    final ScriptedSerializer serializer = new ScriptedSerializer();
    final List<Boolean> writability = new CopyOnWriteArrayList<>();
    DurablePublisher<String> publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close(Duration.ofMillis(200));
        }
    }

    @Test
    void completesOnlyWhenKafkaAcknowledgesKeyedByVenue() throws Exception {
        start(100, Duration.ofSeconds(30));

        CompletableFuture<RecordMetadata> ack = publisher.publish(Topics.PASSINGS, "spa", "p1").toCompletableFuture();
        awaitSent(1);
        assertThat(ack).as("sent but not acknowledged").isNotDone();
        assertThat(publisher.bufferedRecords()).isEqualTo(1);
        ProducerRecord<String, byte[]> sent = kafka.history().get(0);
        assertThat(sent.topic()).isEqualTo("timing.passings");
        assertThat(sent.key()).isEqualTo("spa");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("p1");

        kafka.completeNext();
        RecordMetadata metadata = ack.get(5, TimeUnit.SECONDS);
        assertThat(metadata.topic()).isEqualTo("timing.passings");
        assertThat(publisher.bufferedRecords()).isZero();
        assertThat(registry.get(MetricNames.PUBLISHED).tag("venue", "spa").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MetricNames.CONFIRM_LATENCY).tag("venue", "spa").timer().count()).isEqualTo(1);
    }

    @Test
    void theReturnedStageCannotBeCompletedByTheCaller() {
        start(100, Duration.ofSeconds(30));
        CompletionStage<RecordMetadata> stage = publisher.publish(Topics.PASSINGS, "spa", "p1");
        AtomicBoolean confirmed = new AtomicBoolean();
        stage.thenRun(() -> confirmed.set(true));

        stage.toCompletableFuture().complete(null);
        assertThatThrownBy(() -> ((CompletableFuture<RecordMetadata>) stage).complete(null))
                .isInstanceOf(UnsupportedOperationException.class);

        awaitSent(1);
        assertThat(confirmed).as("only Kafka's acknowledgement completes it").isFalse();
        assertThat(publisher.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void aRecordKafkaRejectsFailsWithReasonKafkaAndIsNotConfirmed() {
        start(100, Duration.ofSeconds(30));
        CompletableFuture<RecordMetadata> ack = publisher.publish(Topics.PASSINGS, "spa", "huge").toCompletableFuture();
        awaitSent(1);

        kafka.errorNext(new RecordTooLargeException("record too large"));

        assertThat(failure(ack).reason()).isEqualTo(Reason.KAFKA);
        assertThat(failure(ack)).hasMessageContaining("spa").hasMessageContaining("record too large");
        assertThat(publisher.bufferedRecords()).isZero();
        assertThat(registry.get(MetricNames.PUBLISH_FAILURES).tag("reason", "kafka").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRetriableErrorReportedByTheProducerIsSentAgainNotFailed() throws Exception {
        start(100, Duration.ofSeconds(30));
        CompletableFuture<RecordMetadata> ack = publisher.publish(Topics.PASSINGS, "spa", "p1").toCompletableFuture();
        awaitSent(1);

        kafka.errorNext(new TimeoutException("Topic timing.passings not present in metadata after 60000 ms"));
        awaitSent(2);
        assertThat(ack).isNotDone();
        kafka.completeNext();

        assertThat(ack.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(kafka.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("p1", "p1");
    }

    @Test
    void backPressurePausesAtThreeQuartersRefusesAtTheLimitAndResumesAtHalf() throws Exception {
        start(8, Duration.ofSeconds(30));
        publisher.addBackPressureListener(writability::add);

        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            acks.add(publisher.publish(Topics.PASSINGS, "spa", "p" + i).toCompletableFuture());
        }
        await().untilAsserted(() -> assertThat(writability).containsExactly(false));
        assertThat(publisher.isWritable()).isFalse();

        acks.add(publisher.publish(Topics.PASSINGS, "spa", "p6").toCompletableFuture());
        acks.add(publisher.publish(Topics.PASSINGS, "spa", "p7").toCompletableFuture());
        CompletableFuture<RecordMetadata> refused = publisher.publish(Topics.PASSINGS, "spa", "p8").toCompletableFuture();
        assertThat(refused).as("never blocks: refused at once").isCompletedExceptionally();
        assertThat(failure(refused).reason()).isEqualTo(Reason.BUFFER_FULL);
        assertThat(acks).noneMatch(CompletableFuture::isDone);
        assertThat(registry.get(MetricNames.BUFFERED_RECORDS).gauge().value()).isEqualTo(8.0);
        assertThat(registry.get(MetricNames.PUBLISH_WRITABLE).gauge().value()).isZero();

        awaitSent(8);
        for (int i = 0; i < 3; i++) {
            kafka.completeNext();
        }
        await().untilAsserted(() -> assertThat(publisher.bufferedRecords()).isEqualTo(5));
        assertThat(writability).as("5 is above low water 4: still paused").containsExactly(false);
        kafka.completeNext();
        await().untilAsserted(() -> assertThat(writability).containsExactly(false, true));
        assertThat(publisher.isWritable()).isTrue();
        for (int i = 0; i < 4; i++) {
            kafka.completeNext();
        }
        for (CompletableFuture<RecordMetadata> ack : acks) {
            assertThat(ack.get(5, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(registry.get(MetricNames.PUBLISH_FAILURES).tag("reason", "buffer_full").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aValueThatCannotBeSerializedFailsAloneWithReasonSerialization() throws Exception {
        try (LogCapture log = LogCapture.of(DurablePublisher.class)) {
            start(100, Duration.ofSeconds(30));
            serializer.permanentlyBad.add("bad");

            CompletableFuture<RecordMetadata> bad = publisher.publish(Topics.PASSINGS, "spa", "bad").toCompletableFuture();
            CompletableFuture<RecordMetadata> good = publisher.publish(Topics.PASSINGS, "spa", "good").toCompletableFuture();

            // the stage fails, so the ingest does not confirm it; the loss is counted and logged
            assertThat(failure(bad).reason()).isEqualTo(Reason.SERIALIZATION);
            assertThat(failure(bad)).hasMessageContaining("Cannot serialize String for venue spa on timing.passings")
                    .hasMessageContaining("required field missing");
            assertThat(registry.get(MetricNames.PUBLISH_FAILURES).tag("reason", "serialization").counter().count())
                    .isEqualTo(1.0);
            assertThat(log.contains("Not confirmed: Cannot serialize String for venue spa")).isTrue();
            awaitSent(1);
            kafka.completeNext();
            assertThat(good.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(kafka.history()).hasSize(1);
        }
    }

    @Test
    void aRegistryOutageIsRetriedInOrderThenDelivered() throws Exception {
        try (LogCapture log = LogCapture.of(DurablePublisher.class)) {
            start(100, Duration.ofMillis(300));
            serializer.registryDown.set(true);

            CompletableFuture<RecordMetadata> a = publisher.publish(Topics.PASSINGS, "spa", "a").toCompletableFuture();
            CompletableFuture<RecordMetadata> b = publisher.publish(Topics.PASSINGS, "spa", "b").toCompletableFuture();

            await().until(publisher::isSchemaRegistryUnreachable);
            assertThat(log.contains("Schema registry unreachable for")).isTrue();
            assertThat(registry.get(MetricNames.SCHEMA_REGISTRY_UNREACHABLE).gauge().value()).isEqualTo(1.0);
            assertThat(kafka.history()).isEmpty();
            assertThat(a).isNotDone();
            assertThat(registry.get(MetricNames.SERIALIZATION_RETRIES).counter().count()).isGreaterThan(1.0);

            serializer.registryDown.set(false);
            awaitSent(2);
            kafka.completeNext();
            kafka.completeNext();
            assertThat(a.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(b.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(kafka.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("a", "b");
            await().until(() -> !publisher.isSchemaRegistryUnreachable());
        }
    }

    @Test
    void recordsHeldWithoutAcknowledgementRaiseTheKafkaOutageLogAndGauges() throws Exception {
        try (LogCapture log = LogCapture.of(DurablePublisher.class)) {
            start(100, Duration.ofMillis(300));
            CompletableFuture<RecordMetadata> ack = publisher.publish(Topics.PASSINGS, "spa", "p1").toCompletableFuture();

            await().until(publisher::isKafkaUnreachable);
            assertThat(log.messages()).anyMatch(m -> m.matches("Kafka unreachable for \\d+s, holding 1 records, not confirming"));
            assertThat(registry.get(MetricNames.KAFKA_UNREACHABLE).gauge().value()).isEqualTo(1.0);
            assertThat(registry.get(MetricNames.KAFKA_UNREACHABLE_DURATION).gauge().value()).isGreaterThan(0.0);
            assertThat(publisher.readinessCheck().check().up()).isFalse();
            assertThat(publisher.livenessCheck().check().up()).as("an outage is no reason to restart").isTrue();
            assertThat(ack).isNotDone();

            kafka.completeNext();
            ack.get(5, TimeUnit.SECONDS);
            await().until(() -> !publisher.isKafkaUnreachable());
            assertThat(registry.get(MetricNames.KAFKA_UNREACHABLE).gauge().value()).isZero();
            assertThat(log.contains("Kafka reachable again after")).isTrue();
            assertThat(publisher.readinessCheck().check().up()).isTrue();
        }
    }

    @Test
    void aFailingReachabilityProbeAloneMarksKafkaUnreachable() {
        AtomicBoolean probe = new AtomicBoolean(false);
        publisher = builder(100, Duration.ofMillis(200)).kafkaReachability(probe::get).build();
        publisher.start();
        await().until(publisher::isKafkaUnreachable);
        probe.set(true);
        await().until(() -> !publisher.isKafkaUnreachable());
    }

    @Test
    void wrongCallsFailAtOnceWithReasonInvalid() {
        publisher = builder(100, Duration.ofSeconds(30)).build();
        assertThat(failure(publisher.publish(Topics.PASSINGS, "spa", "x")).reason())
                .as("before start").isEqualTo(Reason.INVALID);
        publisher.start();

        assertThat(failure(publisher.publish(Topics.LAPS, "spa", "x")))
                .hasMessageContaining("timing.laps is not one of this publisher's topics");
        assertThat(failure(publisher.publish(Topics.PASSINGS, " ", "x")).reason()).isEqualTo(Reason.INVALID);
        assertThat(failure(publisher.publish(Topics.PASSINGS, null, "x")).reason()).isEqualTo(Reason.INVALID);
        assertThat(failure(publisher.publish(Topics.PASSINGS, "spa", null)).reason()).isEqualTo(Reason.INVALID);
        assertThat(publisher.bufferedRecords()).isZero();
    }

    @Test
    void anEventWhoseVenueDiffersFromItsKeyIsRefused() {
        publisher = builder(100, Duration.ofSeconds(30)).venueOf(value -> value.split(":")[0]).build();
        publisher.start();

        assertThat(failure(publisher.publish(Topics.PASSINGS, "spa", "monza:1")))
                .hasMessageContaining("Event says venue 'monza' but is keyed by venue 'spa'")
                .extracting(PublishException::reason).isEqualTo(Reason.INVALID);
        publisher.publish(Topics.PASSINGS, "spa", "spa:1");
        awaitSent(1);
    }

    @Test
    void closeFailsWhatKafkaDidNotAcknowledgeAndRefusesNewRecords() throws Exception {
        start(100, Duration.ofSeconds(30));
        CompletableFuture<RecordMetadata> acked = publisher.publish(Topics.PASSINGS, "spa", "p1").toCompletableFuture();
        CompletableFuture<RecordMetadata> pending = publisher.publish(Topics.PASSINGS, "spa", "p2").toCompletableFuture();
        awaitSent(2);
        kafka.completeNext();
        acked.get(5, TimeUnit.SECONDS);

        publisher.close(Duration.ofMillis(100));

        assertThat(failure(pending).reason()).isEqualTo(Reason.CLOSED);
        assertThat(failure(publisher.publish(Topics.PASSINGS, "spa", "p3")).reason()).isEqualTo(Reason.CLOSED);
        assertThat(publisher.bufferedRecords()).isZero();
        assertThat(kafka.closed()).isTrue();
        assertThat(serializer.closed).isTrue();
    }

    @Test
    void healthChecksReportAStartedPublisher() {
        start(100, Duration.ofSeconds(30));
        assertThat(publisher.livenessCheck().check().up()).isTrue();
        assertThat(publisher.readinessCheck().check().detail()).contains("0 records buffered");
    }

    private void start(int maxBuffered, Duration stallThreshold) {
        publisher = builder(maxBuffered, stallThreshold).build();
        publisher.start();
    }

    private DurablePublisher.Builder<String> builder(int maxBuffered, Duration stallThreshold) {
        return DurablePublisher.builder((Serializer<String>) serializer)
                .bootstrapServers("unused:9092")
                .topics(Topics.PASSINGS, Topics.DECODER_STATUS)
                .maxBufferedRecords(maxBuffered)
                .stallThreshold(stallThreshold)
                .metrics(metrics)
                .serializationRetryBackoff(() -> new ReconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20),
                        ReconnectBackoff.Jitter.FULL, new Random(1)))
                .producerFactory(props -> kafka)
                .topicPreparer((topics, closing) -> { });
    }

    private void awaitSent(int count) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(kafka.history()).hasSize(count));
    }

    private static PublishException failure(CompletionStage<?> stage) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PublishException.class);
            return (PublishException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("stage did not fail within 5 s", e);
        }
        throw new AssertionError("stage completed normally");
    }

    /** UTF-8 strings, with switchable registry outage and permanently bad values. */
    static final class ScriptedSerializer implements Serializer<String> {
        final AtomicBoolean registryDown = new AtomicBoolean();
        final List<String> permanentlyBad = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean closed;

        @Override
        public byte[] serialize(String topic, String data) {
            calls.incrementAndGet();
            if (registryDown.get()) {
                throw new SerializationException("Could not register schema", new ConnectException("Connection refused"));
            }
            if (permanentlyBad.contains(data)) {
                throw new SerializationException("required field missing");
            }
            return data.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
