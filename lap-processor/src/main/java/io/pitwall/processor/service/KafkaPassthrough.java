package io.pitwall.processor.service;

import io.pitwall.ingest.core.config.Passthrough;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code kafka.<property>}: any Kafka Streams, consumer, producer or admin property, handed to Kafka Streams
 * as is ({@code kafka.security.protocol=SASL_SSL}, {@code kafka.group.instance.id=lap-processor-0},
 * {@code kafka.producer.compression.type=lz4}). From the environment only real property names are taken
 * ({@code KAFKA_SECURITY_PROTOCOL}), so Kubernetes service-link variables such as {@code KAFKA_PORT} are not.
 *
 * <p>Properties that an option of this service sets are refused with the option to use instead, and
 * {@code processing.guarantee} is not negotiable: the lap processor's results are exactly-once.
 */
final class KafkaPassthrough {

    static final String PREFIX = "kafka.";

    /** Streams properties set from an option of this service: option to use instead. */
    private static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "application.id"),
            Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka.bootstrap.servers"),
            Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "commit.interval.catch-up"),
            Map.entry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "cache.max.bytes"),
            Map.entry(StreamsConfig.STATE_DIR_CONFIG, "state.dir"),
            Map.entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "num.standby.replicas"),
            Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "num.stream.threads"),
            Map.entry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "topics.replication.factor"),
            Map.entry(StreamsConfig.CLIENT_ID_CONFIG, "service.id"),
            Map.entry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "producer.linger"),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, "producer.linger"));

    private static final Set<String> KNOWN = knownProperties();

    static final Passthrough PASSTHROUGH = new Passthrough(PREFIX,
            "Any Kafka Streams, consumer, producer or admin property, e.g. kafka.security.protocol=SASL_SSL,"
                    + " kafka.group.instance.id=<pod name> for static membership (passwords and JAAS configs are never"
                    + " printed)",
            KafkaPassthrough::isKnown, KafkaPassthrough::isSecret, KafkaPassthrough::check);

    private KafkaPassthrough() {
    }

    static boolean isKnown(String key) {
        return KNOWN.contains(key);
    }

    static boolean isSecret(String key) {
        for (ConfigDef def : new ConfigDef[] {StreamsConfig.configDef(), ConsumerConfig.configDef(),
                ProducerConfig.configDef(), AdminClientConfig.configDef()}) {
            ConfigDef.ConfigKey configKey = def.configKeys().get(stripClientPrefix(key));
            if (configKey != null && configKey.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.contains("credential");
    }

    static Optional<String> check(String key, String value) {
        String option = OWNED.get(key);
        if (option != null) {
            return Optional.of("set through the option " + option + " instead");
        }
        if (key.equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                && !value.trim().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            return Optional.of(StreamsConfig.EXACTLY_ONCE_V2 + " only (the lap processor's results are exactly-once)");
        }
        return Optional.empty();
    }

    /** {@code producer.compression.type} → {@code compression.type}: Streams' per-client prefixes. */
    private static String stripClientPrefix(String key) {
        for (String prefix : new String[] {"main.consumer.", "restore.consumer.", "global.consumer.", "consumer.",
                "producer.", "admin."}) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static Set<String> knownProperties() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
