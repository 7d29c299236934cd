package io.pitwall.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.catalog.ValueFormat;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pitwall tail}: prints each record of a catalogue topic as one JSON line, Avro decoded through the
 * schema registry, so a person can look at what flows. Reads without a consumer group: it never moves
 * anybody's offsets.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the records of a Pitwall topic as JSON lines (one per record).")
final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "TOPIC", description = "A catalogue topic, e.g. timing.passings.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of only new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: follow until Ctrl-C).")
    Long max;

    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "With --max: give up after this many seconds without reaching N records.")
    Long timeoutSeconds;

    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        TopicSpec spec = Topics.byName(topic).orElse(null);
        if (spec == null) {
            System.err.println("Unknown topic '" + topic + "'. Catalogue topics: "
                    + Topics.ALL.stream().map(TopicSpec::name).toList());
            return 2;
        }
        String bootstrapServers = endpoints.kafka();
        String registry = endpoints.registry();
        if (bootstrapServers == null) {
            System.err.println("No Kafka to read from: start 'pitwall up', or pass --bootstrap / set KAFKA_BOOTSTRAP.");
            return 2;
        }
        if (spec.format() == ValueFormat.AVRO && registry == null) {
            System.err.println(topic + " holds Avro: pass --schema-registry or set SCHEMA_REGISTRY_URL.");
            return 2;
        }
        return tail(spec, bootstrapServers, registry);
    }

    private int tail(TopicSpec spec, String bootstrapServers, String registry) throws IOException {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
             var avro = new PitwallAvroDeserializer<Object>()) {
            if (spec.format() == ValueFormat.AVRO) {
                avro.configure(Map.of("schema.registry.url", registry), false);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                consumer.wakeup();
            }));
            List<TopicPartition> partitions = consumer.partitionsFor(spec.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long printed = 0;
            while (!stop.get() && (max == null || printed < max) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println(JSON.writeValueAsString(toJson(spec, record, avro)));
                    out.flush();
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
            }
            if (max != null && printed < max) {
                System.err.println("Stopped after " + printed + " of " + max + " records (timeout).");
                return 1;
            }
            return 0;
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            return 0;
        }
    }

    private static ObjectNode toJson(TopicSpec spec, ConsumerRecord<String, byte[]> record,
                                     PitwallAvroDeserializer<Object> avro) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.put("key", record.key());
        if (record.value() == null) {
            line.putNull("value");
        } else if (spec.format() == ValueFormat.AVRO) {
            Object value = avro.deserialize(record.topic(), record.value());
            line.set("value", JSON.readTree(GenericData.get().toString(value)));
        } else {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode value;
            try {
                value = JSON.readTree(text);
            } catch (IOException notJson) {
                value = JSON.getNodeFactory().textNode(text);
            }
            line.set("value", value);
        }
        return line;
    }
}
