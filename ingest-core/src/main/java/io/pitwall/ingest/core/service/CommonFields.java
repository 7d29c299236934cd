package io.pitwall.ingest.core.service;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Passthrough;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.ingest.core.publish.ProducerSettings;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import io.pitwall.schemas.serde.PitwallAvroSerdeConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The options every ingest has. Read them through these constants, e.g.
 * {@code config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS)}; {@link #forService} gives the set with the
 * service's own defaults for {@code service.id} and {@code http.port}.
 */
public final class CommonFields {

    /** Kafka producer compression codecs offered (all are in kafka-clients). */
    public enum Compression { LZ4, ZSTD, GZIP, SNAPPY, NONE }

    /** Root log level. */
    public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR }

    public static final ConfigField<String> SERVICE_ID = ConfigField.string("service.id")
            .withDefault("pitwall-ingest")
            .withValidator(Validators.notBlank())
            .withDescription("Name of this instance: Kafka client.id and the 'service' tag on every metric");

    public static final ConfigField<String> KAFKA_BOOTSTRAP_SERVERS = ConfigField.string("kafka.bootstrap.servers")
            .withDefault("localhost:9092")
            .withValidator(Validators.hostPortList())
            .withDescription("Kafka brokers to bootstrap from, host:port[,host:port]");

    public static final ConfigField<String> SCHEMA_REGISTRY_URL = ConfigField.string("schema.registry.url")
            .withDefault("http://localhost:8081")
            .withValidator(Validators.httpUrlList())
            .withDescription("Confluent-compatible schema registry URL(s), comma-separated (Apicurio: .../apis/ccompat/v7)");

    public static final ConfigField<String> SCHEMA_REGISTRY_USER_INFO = ConfigField.string("schema.registry.basic.auth.user.info")
            .secret()
            .withDescription("user:password for HTTP basic authentication against the schema registry; unset for none");

    public static final ConfigField<Boolean> SCHEMA_REGISTRY_AUTO_REGISTER = ConfigField.bool("schema.registry.auto.register")
            .withDefault(true)
            .withDescription("Register event schemas on first use; false when schemas are registered by the deployment");

    public static final ConfigField<Integer> HTTP_PORT = ConfigField.integer("http.port")
            .withDefault(8080)
            .withValidator(Validators.port())
            .withDescription("Port of /health/live, /health/ready and /metrics (0 = any free port)");

    public static final ConfigField<String> HTTP_BIND_ADDRESS = ConfigField.string("http.bind.address")
            .withDefault("0.0.0.0")
            .withValidator(Validators.notBlank())
            .withDescription("Interface the health/metrics server listens on (0.0.0.0 for Kubernetes probes)");

    public static final ConfigField<Integer> MAX_BUFFERED_RECORDS = ConfigField.integer("publish.max.buffered.records")
            .withDefault(10_000)
            .withValidator(Validators.intRange(10, 1_000_000))
            .withDescription("Records held unacknowledged by Kafka at most; hardware reads pause at 3/4, resume at 1/2,"
                    + " new records are refused (not confirmed) at the limit");

    public static final ConfigField<Duration> STALL_THRESHOLD = ConfigField.duration("publish.stall.threshold")
            .withDefault(Duration.ofSeconds(5))
            .withValidator(Validators.positiveDuration())
            .withDescription("Records held this long without any Kafka acknowledgement mark Kafka unreachable"
                    + " (log line, gauge, readiness)");

    public static final ConfigField<Compression> COMPRESSION = ConfigField.enumeration("publish.compression", Compression.class)
            .withDefault(Compression.LZ4)
            .withDescription("Compression of produced batches");

    public static final ConfigField<Duration> LINGER = ConfigField.duration("publish.linger")
            .withDefault(Duration.ofMillis(5))
            .withValidator(d -> d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0
                    ? Optional.of("a duration from 0ms to 1s") : Optional.empty())
            .withDescription("How long the producer waits to fill a batch (adds to every confirm's latency)");

    public static final ConfigField<Boolean> TOPICS_CREATE = ConfigField.bool("topics.create")
            .withDefault(true)
            .withDescription("Create missing topics at startup; false to only check they exist (topics managed by the platform)");

    public static final ConfigField<Integer> TOPICS_REPLICATION_FACTOR = ConfigField.integer("topics.replication.factor")
            .withDefault(-1)
            .withValidator(v -> v == -1 || v >= 1 && v <= Short.MAX_VALUE
                    ? Optional.empty() : Optional.of("-1 (the broker's default.replication.factor) or 1 and more"))
            .withDescription("Replication factor of topics this service creates; -1 uses the broker's default");

    public static final ConfigField<Duration> KAFKA_CHECK_INTERVAL = ConfigField.duration("health.kafka.check.interval")
            .withDefault(Duration.ofSeconds(5))
            .withValidator(Validators.positiveDuration())
            .withDescription("How often readiness asks Kafka describeCluster (each check may take as long)");

    public static final ConfigField<LogLevel> LOG_LEVEL = ConfigField.enumeration("log.level", LogLevel.class)
            .withDefault(LogLevel.INFO)
            .withDescription("Root log level");

    /** Prefix of Kafka client properties passed through to the producer and admin client. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** {@code kafka.<property>}: any Kafka client property, for TLS/SASL and tuning. */
    public static final Passthrough KAFKA_PASSTHROUGH = new Passthrough(
            KAFKA_PREFIX,
            "Any Kafka producer/admin property, e.g. kafka.security.protocol=SASL_SSL, kafka.sasl.jaas.config=..."
                    + " (passwords and JAAS configs are never printed)",
            CommonFields::isKafkaClientProperty,
            CommonFields::isSecretKafkaProperty,
            ProducerSettings::checkOverride);

    private static final Set<String> KAFKA_CLIENT_PROPERTIES = kafkaClientProperties();

    private CommonFields() {
    }

    /** The common options with this service's defaults for {@code service.id} and {@code http.port}. */
    public static ConfigFields forService(String serviceId, int defaultHttpPort) {
        return ConfigFields.of(
                SERVICE_ID.withDefault(serviceId),
                KAFKA_BOOTSTRAP_SERVERS,
                SCHEMA_REGISTRY_URL,
                SCHEMA_REGISTRY_USER_INFO,
                SCHEMA_REGISTRY_AUTO_REGISTER,
                HTTP_PORT.withDefault(defaultHttpPort),
                HTTP_BIND_ADDRESS,
                MAX_BUFFERED_RECORDS,
                STALL_THRESHOLD,
                COMPRESSION,
                LINGER,
                TOPICS_CREATE,
                TOPICS_REPLICATION_FACTOR,
                KAFKA_CHECK_INTERVAL,
                LOG_LEVEL)
                .withPassthrough(KAFKA_PASSTHROUGH);
    }

    /**
     * What a registry client needs, under Confluent's keys: the registry's URL and, when configured, its basic-auth
     * credentials. For a deserializer; a serializer takes {@link #serdeConfig}.
     */
    public static Map<String, Object> registryClientConfig(Configuration config) {
        Map<String, Object> registry = new LinkedHashMap<>();
        registry.put(SchemaRegistryClientConfig.URL, config.get(SCHEMA_REGISTRY_URL));
        config.getOptional(SCHEMA_REGISTRY_USER_INFO).ifPresent(userInfo -> {
            registry.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            registry.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, userInfo);
        });
        return registry;
    }

    /** The Avro serializer's configuration under Confluent's keys: the registry client's, and auto-registration. */
    public static Map<String, Object> serdeConfig(Configuration config) {
        Map<String, Object> serde = registryClientConfig(config);
        serde.put(PitwallAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, config.get(SCHEMA_REGISTRY_AUTO_REGISTER));
        return serde;
    }

    static boolean isKafkaClientProperty(String key) {
        return KAFKA_CLIENT_PROPERTIES.contains(key);
    }

    /** Kafka declares passwords with type PASSWORD; JAAS configs embed them too. */
    static boolean isSecretKafkaProperty(String key) {
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), AdminClientConfig.configDef()}) {
            ConfigDef.ConfigKey configKey = def.configKeys().get(key);
            if (configKey != null && configKey.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.contains("credential");
    }

    private static Set<String> kafkaClientProperties() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
