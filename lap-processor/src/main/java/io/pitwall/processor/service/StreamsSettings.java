package io.pitwall.processor.service;

import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.processor.errors.DeadLetterHandler;
import io.pitwall.processor.errors.DeadLetterListener;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the lap processor, from its options. */
final class StreamsSettings {

    /** Above this, a thread waiting for input would hold back commits and punctuations (see {@link #of}). */
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

    private StreamsSettings() {
    }

    /**
     * <ul>
     *   <li>{@code processing.guarantee=exactly_once_v2}: laps, states and dead letters are written in one
     *       transaction with the input offsets and the changelogs, so a crash never doubles or loses a lap;</li>
     *   <li>{@code poll.ms} no longer than the commit interval: an idle thread blocks in poll for up to
     *       {@code poll.ms} before it commits or punctuates, which would add directly to the live latency;</li>
     *   <li>{@code producer.linger.ms} from {@code producer.linger} (2 ms), not Kafka Streams' 100 ms: with 100 ms
     *       the output records of a commit interval wait in the producer until the commit's flush sends them all at
     *       once, and the commit (which makes them visible) waits for that whole transfer;</li>
     *   <li>{@code max.task.idle.ms=-1}: a task reads passings, configurations and race control from three
     *       topics. Kafka Streams would otherwise wait for data on all three to interleave them by timestamp;
     *       the timing model's results do not depend on arrival order, so it never needs to wait;</li>
     *   <li>poison records go to {@code pitwall.dead-letter} ({@link DeadLetterHandler}).</li>
     * </ul>
     * {@code kafka.*} passthrough properties are applied last and may tune everything else.
     */
    static Properties of(Configuration config, DeadLetterListener deadLetters) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(LapProcessorOptions.APPLICATION_ID));
        props.put(StreamsConfig.CLIENT_ID_CONFIG, config.get(LapProcessorOptions.SERVICE_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Duration commit = config.get(LapProcessorOptions.COMMIT_INTERVAL);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit.toMillis());
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.min(commit.toMillis(), MAX_POLL_WAIT.toMillis()));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                config.get(LapProcessorOptions.PRODUCER_LINGER).toMillis());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.get(LapProcessorOptions.CACHE_MAX_BYTES));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.get(LapProcessorOptions.STATE_DIR).toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(LapProcessorOptions.STANDBY_REPLICAS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(LapProcessorOptions.STREAM_THREADS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(CommonFields.TOPICS_REPLICATION_FACTOR));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(DeadLetterHandler.TOPIC_CONFIG, Topics.DEAD_LETTER.name());
        props.put(DeadLetterHandler.LISTENER_CONFIG, deadLetters);
        props.putAll(config.passthrough(KafkaPassthrough.PREFIX));
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    /** Whether the instance has a static group membership ({@code kafka.group.instance.id}). */
    static boolean staticMember(Configuration config) {
        Map<String, String> passthrough = config.passthrough(KafkaPassthrough.PREFIX);
        return passthrough.containsKey("group.instance.id") || passthrough.containsKey("main.consumer.group.instance.id");
    }
}
