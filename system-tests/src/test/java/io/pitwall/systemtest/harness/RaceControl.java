package io.pitwall.systemtest.harness;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Race control as an operator works it: a venue's {@code SessionConfig} on {@code timing.sessions} and
 * {@code SessionControl}s on {@code timing.session-control}, keyed by venue, each acknowledged before the call
 * returns. {@link #sendRaw} writes arbitrary bytes (poison records) to any topic.
 */
public final class RaceControl implements AutoCloseable {

    private final KafkaProducer<String, Object> avro;
    private final KafkaProducer<String, byte[]> raw;

    public RaceControl(PipelineCluster cluster) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        PitwallAvroSerializer<Object> serializer = new PitwallAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", cluster.registryUrl()), false);
        avro = new KafkaProducer<>(props, new StringSerializer(), serializer);
        raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Configures the session (entry list, track limits, line map) and issues its race-control actions. */
    public void run(SessionConfig config, List<SessionControl> controls) {
        configure(config);
        controls.forEach(this::control);
    }

    public void configure(SessionConfig config) {
        send(Topics.SESSIONS.name(), config.getVenueId(), config);
    }

    public void control(SessionControl control) {
        send(Topics.SESSION_CONTROL.name(), control.getVenueId(), control);
    }

    /** A remote-control command for a venue's decoder, on {@code timing.commands} (read by the LapSnapper ingest). */
    public void command(DecoderCommand command) {
        send(Topics.COMMANDS.name(), command.getVenueId(), command);
    }

    /** Writes {@code value} as it is: for poison records (not Avro, unknown schema ids, invalid JSON). */
    public void sendRaw(String topic, String key, byte[] value) {
        try {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    private void send(String topic, String key, Object value) {
        try {
            avro.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " to " + topic,
                    e.getCause());
        }
    }

    @Override
    public void close() {
        avro.close(Duration.ofSeconds(5));
        raw.close(Duration.ofSeconds(5));
    }
}
