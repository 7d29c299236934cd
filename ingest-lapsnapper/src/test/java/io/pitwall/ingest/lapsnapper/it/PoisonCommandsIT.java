package io.pitwall.ingest.lapsnapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderStatus;
import io.pitwall.ingest.core.testing.LogCapture;
import io.pitwall.ingest.lapsnapper.LapSnapperMetrics;
import io.pitwall.ingest.lapsnapper.commands.Commands;
import io.pitwall.ingest.lapsnapper.commands.DeadLetters;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.CommandOutcome;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poison records on {@code timing.commands} for a venue of this ingest: bytes that are not Avro at all, and a
 * Confluent-framed record naming a schema id the registry never issued. Neither may stop remote control: both
 * go to the dead-letter topic with the reason, are logged and counted, and the valid command written after
 * them reaches the decoder.
 */
@ExtendWith(KafkaClusterExtension.class)
class PoisonCommandsIT extends LapSnapperItSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unreadableCommandsAreDeadLetteredAndTheNextCommandIsCarriedOut() throws Exception {
        String venue = venue("poison");
        LapSnapperSimulator simulator = simulator(LapSnapperSimulatorConfig.defaults());
        EventCollector<DecoderStatus> statuses = statuses(venue);
        byte[] notAvro = "START SESSION NOW!!".getBytes(StandardCharsets.UTF_8);
        // magic byte 0, then a schema id far beyond anything the registry issued, then a plausible body
        byte[] unknownSchema = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 2, 'x', 0};

        try (LogCapture deadLetterLog = LogCapture.of(DeadLetters.class)) {
            ingest("--lapsnapper.servers=" + venue + "@127.0.0.1:" + simulator.port());
            await().atMost(WAIT).until(() -> simulator.handshakenClients() == 1);
            try (KafkaProducer<String, byte[]> raw = rawProducer()) {
                raw.send(new ProducerRecord<>(Topics.COMMANDS.name(), venue, notAvro)).get();
                raw.send(new ProducerRecord<>(Topics.COMMANDS.name(), venue, unknownSchema)).get();
            }
            DecoderCommand start = Commands.traceStartSession(venue, "after-poison-" + UUID.randomUUID(), Instant.now());
            try (KafkaProducer<String, DecoderCommand> producer = commandProducer()) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), venue, start)).get();
            }

            await().atMost(WAIT).untilAsserted(() -> assertThat(simulator.receivedCommands())
                    .filteredOn(c -> c.messageId() == 6402).hasSize(1)
                    .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CommandOutcome.ACCEPTED)));
            assertThat(simulator.systemState()).as("the decoder is timing after the valid command").isEqualTo(2);
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.values())
                    .extracting(s -> s.getAttributes().get("commandId")).contains(start.getCommandId()));

            List<JsonNode> deadLetters = readDeadLetters(venue, 2);
            assertThat(deadLetters).extracting(d -> d.get("topic").asText()).containsOnly(Topics.COMMANDS.name());
            assertThat(deadLetters).extracting(d -> Base64.getDecoder().decode(d.get("valueBase64").asText()))
                    .containsExactly(notAvro, unknownSchema);
            assertThat(deadLetters).allSatisfy(d -> assertThat(d.get("reason").asText()).isNotBlank());
            assertThat(ingest.metric(LapSnapperMetrics.COMMANDS, "venue", venue, "command", "unreadable",
                    "result", "dead_lettered")).isEqualTo(2.0);
            assertThat(deadLetterLog.messages()).filteredOn(m -> m.contains("cannot be read and goes to "
                    + Topics.DEAD_LETTER.name())).hasSize(2);
        }
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The dead-letter records keyed by {@code venue}, in topic order, once {@code count} of them are there. */
    private List<JsonNode> readDeadLetters(String venue, int count) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            List<JsonNode> found = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (venue.equals(record.key())) {
                        found.add(JSON.readTree(record.value()));
                    }
                }
            }
            assertThat(found).as("dead letters for " + venue).hasSize(count);
            return found;
        }
    }
}
