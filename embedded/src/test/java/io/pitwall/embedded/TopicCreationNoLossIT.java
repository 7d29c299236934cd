package io.pitwall.embedded;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KAFKA-15591: on Kafka 4.3.1 the first batch produced right after a topic is created can be lost
 * silently when several requests are in flight. {@link EmbeddedKafka#createTopics} waits until every
 * partition has a leader, so a producer that starts right after it must not lose anything.
 */
class TopicCreationNoLossIT {

    private static final int RECORDS = 20_000;

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder(dataDir).build().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void everyRecordProducedRightAfterTopicCreationArrives() throws Exception {
        String topic = "fresh-passings";
        kafka.createTopics(List.of(new NewTopic(topic, 3, (short) 1)));

        // straight after creation: five requests in flight, tiny batches so that there are many of them
        Map<String, Object> inFlight = Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 512);
        List<Future<RecordMetadata>> sends = new ArrayList<>(RECORDS);
        try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka.bootstrapServers(), inFlight)) {
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, "car-" + (i % 40), "passing-" + i)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> send : sends) {
            assertThat(send.get().hasOffset()).isTrue();
        }

        List<ConsumerRecord<String, String>> received = KafkaTestClients.readAll(kafka.bootstrapServers(), topic, RECORDS);
        Set<String> distinct = new HashSet<>();
        received.forEach(r -> distinct.add(r.value()));
        assertThat(received).as("records read back").hasSize(RECORDS);
        assertThat(distinct).as("distinct passings").hasSize(RECORDS);
    }

    @Test
    void creatingAnExistingTopicAgainIsHarmless() {
        kafka.createTopic("twice", 2);
        kafka.createTopic("twice", 2);
    }
}
