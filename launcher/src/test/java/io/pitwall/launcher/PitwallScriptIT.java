package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./pitwall} script, as a user would: {@code up} prints its ready lines, {@code tail}
 * shows what a producer wrote, Ctrl-C (SIGTERM) stops cleanly, and a second {@code up} on the same data
 * directory still has the records.
 */
class PitwallScriptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("..").normalize();

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void upPrintsReadyLinesAndTailShowsProducedRecordsThatSurviveARestart() throws Exception {
        RunningUp up = startUp();
        assertThat(up.lines).anyMatch(l -> l.startsWith("KAFKA_BOOTSTRAP=127.0.0.1:"));
        assertThat(up.lines).anyMatch(l -> l.startsWith("SCHEMA_REGISTRY_URL=http://127.0.0.1:"));

        produce(up.bootstrap(), up.registry(), 3);

        List<JsonNode> tailed = tail(3);
        assertThat(tailed).hasSize(3);
        assertThat(tailed).allSatisfy(line -> {
            assertThat(line.get("topic").asText()).isEqualTo("timing.passings");
            assertThat(line.get("key").asText()).isEqualTo("venue-a");
            assertThat(line.at("/value/venueId").asText()).isEqualTo("venue-a");
            assertThat(line.at("/value/source").asText()).isEqualTo("LAPSNAPPER");
        });
        assertThat(tailed).extracting(l -> l.at("/value/sequence").asLong()).containsExactlyInAnyOrder(1L, 2L, 3L);

        up.process.destroy(); // SIGTERM, as Ctrl-C / a service manager would
        assertThat(up.process.waitFor(60, TimeUnit.SECONDS)).as("pitwall up stops on SIGTERM").isTrue();
        assertThat(up.process.exitValue()).isIn(0, 143);
        assertThat(Files.exists(dataDir.resolve("endpoints.properties"))).isFalse();

        startUp();
        assertThat(tail(3)).extracting(l -> l.at("/value/sequence").asLong()).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    private record RunningUp(Process process, List<String> lines) {
        String bootstrap() {
            return value("KAFKA_BOOTSTRAP=");
        }

        String registry() {
            return value("SCHEMA_REGISTRY_URL=");
        }

        private String value(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
        }
    }

    private RunningUp startUp() throws IOException {
        Process process = pitwall("up", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0",
                "--web-port", "0", "--t71-port", "0", "--rmonitor-port", "0");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("pitwall up ready lines").atMost(Duration.ofSeconds(90))
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("SCHEMA_REGISTRY_URL=")) || !process.isAlive());
        assertThat(process.isAlive()).as("pitwall up is running (see target/failsafe-reports for its stderr)").isTrue();
        return new RunningUp(process, lines);
    }

    private List<JsonNode> tail(int max) throws Exception {
        Process tail = pitwall("tail", "timing.passings", "--from-beginning", "--max", Integer.toString(max),
                "--timeout", "60", "--data-dir", dataDir.toString());
        String out = new String(tail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tail.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(tail.exitValue()).as("tail exit code; output: %s", out).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private Process pitwall(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("pitwall").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PITWALL_SKIP_BUILD", "1"); // Maven has just packaged the launcher
        builder.environment().remove("KAFKA_BOOTSTRAP");
        builder.environment().remove("SCHEMA_REGISTRY_URL");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void produce(String bootstrap, String registry, int count) throws Exception {
        var serializer = new PitwallAvroSerializer<Passing>();
        serializer.configure(Map.of("schema.registry.url", registry), false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            for (int i = 1; i <= count; i++) {
                Passing passing = Passing.newBuilder()
                        .setVenueId("venue-a").setSource(Source.LAPSNAPPER).setStreamId("venue-a/decoder-1")
                        .setSequence(i).setTransponder("1234")
                        .setPassingTime(Instant.parse("2026-05-01T12:00:00Z").plusSeconds(90L * i))
                        .setLine(LineKind.FINISH).setReceivedAt(Instant.now())
                        .build();
                producer.send(new ProducerRecord<>(Topics.PASSINGS.name(), "venue-a", passing)).get();
            }
        }
    }
}
