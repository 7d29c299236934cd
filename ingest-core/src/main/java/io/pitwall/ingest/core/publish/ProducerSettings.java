package io.pitwall.ingest.core.publish;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producer configuration behind the confirm-after-durable contract.
 *
 * <p>Some settings are the contract itself and cannot be overridden through passthrough properties:
 * <ul>
 *   <li>{@code enable.idempotence=true}, {@code acks=all}: an acknowledgement means the record is on
 *       every in-sync replica, and retries cannot duplicate or reorder it;</li>
 *   <li>{@code max.in.flight.requests.per.connection=5}: the most the idempotent producer keeps
 *       ordered;</li>
 *   <li>{@code retries} and {@code delivery.timeout.ms} at their maximum: while Kafka is down records
 *       are held and retried, never expired — expiring would fail records the hardware may already
 *       have moved past;</li>
 *   <li>{@code metadata.max.idle.ms} of a day: during a long outage the producer must not forget the
 *       metadata of topics it holds records for;</li>
 *   <li>serializers: keys are venue ids as UTF-8, values are serialized by the publisher itself (off
 *       the event loop, with registry retries) and handed over as bytes.</li>
 * </ul>
 * Compression and linger have defaults and may be tuned.
 */
public final class ProducerSettings {

    /** Settings that carry the delivery guarantee; a passthrough value for one of these is rejected. */
    public static final Map<String, String> ENFORCED = enforced();

    private ProducerSettings() {
    }

    private static Map<String, String> enforced() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        m.put(ProducerConfig.ACKS_CONFIG, "all");
        m.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        m.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        m.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        m.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
        m.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        m.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        m.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "");
        return Map.copyOf(m);
    }

    /**
     * Why a client property may not be set by the user, or empty if it may.
     *
     * @param key   Kafka property name without the {@code kafka.} prefix
     * @param value the requested value
     */
    public static Optional<String> checkOverride(String key, String value) {
        if (key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            return Optional.of("not set: ingests use an idempotent, non-transactional producer");
        }
        String required = ENFORCED.get(key);
        if (required == null || required.equalsIgnoreCase(value.trim())
                || key.equals(ProducerConfig.ACKS_CONFIG) && value.trim().equals("-1")) {
            return Optional.empty();
        }
        return Optional.of(required + " (fixed by the confirm-after-durable contract; remove this property)");
    }

    /**
     * The producer properties: user client properties (bootstrap servers, security, tuning) with the
     * Pitwall defaults under them and the enforced settings over them.
     *
     * @throws IllegalArgumentException when a client property contradicts an enforced setting
     */
    public static Map<String, Object> producer(Map<String, ?> clientProperties, String clientId,
            String compression, Duration linger) {
        Objects.requireNonNull(clientProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
                "client properties need " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        List<String> conflicts = clientProperties.entrySet().stream()
                .filter(e -> checkOverride(e.getKey(), String.valueOf(e.getValue())).isPresent())
                .map(e -> e.getKey() + "=" + e.getValue() + " (must be "
                        + checkOverride(e.getKey(), String.valueOf(e.getValue())).get() + ")")
                .toList();
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("Kafka client properties contradict the publisher's guarantees: " + conflicts);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger.toMillis()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(clientProperties);
        ENFORCED.forEach((k, v) -> {
            if (!k.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                props.put(k, v);
            }
        });
        return props;
    }

    /** The subset of client properties an {@code Admin} client understands (security, bootstrap, timeouts). */
    public static Map<String, Object> admin(Map<String, ?> clientProperties, String clientId) {
        Set<String> adminNames = AdminClientConfig.configNames();
        Map<String, Object> props = clientProperties.entrySet().stream()
                .filter(e -> adminNames.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
