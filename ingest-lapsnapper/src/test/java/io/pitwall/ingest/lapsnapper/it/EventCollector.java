package io.pitwall.ingest.lapsnapper.it;

import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one topic from the beginning in the background and keeps the values of one venue, in topic order, each
 * record once.
 */
final class EventCollector<T extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final String venue;
    /** By partition and offset: a rebalance after a broker restart re-reads from the start, which is not news. */
    private final Map<String, T> values = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closing;

    EventCollector(String bootstrap, String registryUrl, String topic, Class<T> type, String venue) {
        this.venue = venue;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-collector-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the ingest provisions its topics; a consumer must never auto-create one with the broker's defaults
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        PitwallAvroDeserializer<T> deserializer = new PitwallAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true,
                "specific.avro.value.type", type.getName()), false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::run, "it-collector-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    if (venue.equals(record.key())) {
                        synchronized (values) {
                            values.putIfAbsent(record.partition() + "@" + record.offset(), record.value());
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    List<T> values() {
        synchronized (values) {
            return List.copyOf(values.values());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        thread.join(5_000);
    }
}
