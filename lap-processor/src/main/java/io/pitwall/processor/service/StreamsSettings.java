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

    /** The first retry of a produce the broker refused for now (see {@link #of}); Kafka's default is 100 ms. */
    static final Duration PRODUCER_RETRY_BACKOFF = Duration.ofMillis(10);

    private StreamsSettings() {
    }

    /**
     * <ul>
     *   <li>{@code processing.guarantee=exactly_once_v2}: laps, states and dead letters are written in one
     *       transaction with the input offsets and the changelogs, so a crash never doubles or loses a lap;</li>
     *   <li>{@code commit.interval.ms} from {@code commit.interval.catch-up} (500 ms): the interval a backlog is
     *       committed at. Live results are committed sooner, at {@code commit.interval} (20 ms), because the timing
     *       processor requests those commits itself (see {@code LiveCommits});</li>
     *   <li>{@code poll.ms} no longer than the live commit interval: an idle thread blocks in poll for up to
     *       {@code poll.ms} before it commits or punctuates, which would add directly to the live latency;</li>
     *   <li>{@code producer.linger.ms} from {@code producer.linger} (2 ms), not Kafka Streams' 100 ms: with 100 ms
     *       the output records of a commit interval wait in the producer until the commit's flush sends them all at
     *       once, and the commit (which makes them visible) waits for that whole transfer;</li>
     *   <li>{@code producer.retry.backoff.ms} 10 ms, not 100: a transaction's first write to a partition is refused
     *       with {@code CONCURRENT_TRANSACTIONS} while the broker still writes the previous commit's markers there,
     *       and the retry after the default 100 ms held the whole next commit back (bursts of states 100-200 ms late
     *       for every venue). Later retries still back off exponentially up to {@code retry.backoff.max.ms};</li>
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
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval(config).toMillis());
        props.put(StreamsConfig.POLL_MS_CONFIG,
                Math.min(config.get(LapProcessorOptions.COMMIT_INTERVAL).toMillis(), MAX_POLL_WAIT.toMillis()));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                config.get(LapProcessorOptions.PRODUCER_LINGER).toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), PRODUCER_RETRY_BACKOFF.toMillis());
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

    /**
     * Kafka Streams' own commit interval: {@code commit.interval.catch-up}, never shorter than {@code commit.interval}
     * (a backlog is not committed more often than live results).
     */
    static Duration commitInterval(Configuration config) {
        Duration live = config.get(LapProcessorOptions.COMMIT_INTERVAL);
        Duration catchUp = config.get(LapProcessorOptions.COMMIT_INTERVAL_CATCH_UP);
        return catchUp.compareTo(live) < 0 ? live : catchUp;
    }

    /** Whether the instance has a static group membership ({@code kafka.group.instance.id}). */
    static boolean staticMember(Configuration config) {
        Map<String, String> passthrough = config.passthrough(KafkaPassthrough.PREFIX);
        return passthrough.containsKey("group.instance.id") || passthrough.containsKey("main.consumer.group.instance.id");
    }
}
