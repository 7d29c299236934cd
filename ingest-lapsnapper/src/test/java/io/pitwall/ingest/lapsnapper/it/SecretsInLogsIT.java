package io.pitwall.ingest.lapsnapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderCommand;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.testing.ConsoleRun;
import io.pitwall.ingest.core.testing.RootLogCapture;
import io.pitwall.ingest.lapsnapper.LapSnapperIngest;
import io.pitwall.ingest.lapsnapper.commands.Commands;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.CommandOutcome;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The LapSnapper password and PIN, and the Kafka and registry credentials passed through the configuration,
 * appear in no log line (Pitwall's own loggers at DEBUG), no metric, no {@code --help} and no configuration
 * error: through a refused handshake, a successful one, and a remote-control command that carries the PIN.
 */
@ExtendWith(KafkaClusterExtension.class)
class SecretsInLogsIT extends LapSnapperItSupport {

    private static final List<Integer> PASSWORD = List.of(7, 3, 9, 1, 5, 8, 2);
    private static final String PIN = "975318642";

    @Test
    void noSecretAppearsInLogsMetricsHelpOrConfigurationErrors() throws Exception {
        String good = venue("secret-ok");
        String refused = venue("secret-refused");
        String saslPassword = "Kafka-Sasl-Pw-71b";
        String keyPassword = "Tls-Key-Pw-28d";
        String registryPassword = "Registry-Pw-64f";
        String passwordOption = PASSWORD.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        List<String> secrets = List.of(passwordOption, PASSWORD.toString(), PASSWORD.toString().replaceAll("[\\[\\]]", ""),
                PIN, saslPassword, keyPassword, registryPassword);

        LapSnapperSimulator accepting = simulator(LapSnapperSimulatorConfig.defaults().withPassword(PASSWORD)
                .withPinCode(PIN));
        LapSnapperSimulator refusing = simulator(LapSnapperSimulatorConfig.defaults().withPassword(List.of(9, 9, 9, 9)));
        List<String> options = new ArrayList<>(List.of(
                "--lapsnapper.servers=" + good + "@127.0.0.1:" + accepting.port() + "," + refused + "@127.0.0.1:"
                        + refusing.port()));
        for (String venue : List.of(good, refused)) {
            options.add("--lapsnapper.server." + venue + ".password=" + passwordOption);
            options.add("--lapsnapper.server." + venue + ".pin=" + PIN);
        }
        // valid but unused with the PLAINTEXT listener: they must be masked wherever the configuration is shown
        options.add("--kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"pitwall\" password=\"" + saslPassword + "\";");
        options.add("--kafka.ssl.key.password=" + keyPassword);
        options.add("--schema.registry.basic.auth.user.info=pitwall:" + registryPassword);

        String logs;
        String metrics;
        DecoderCommand start = Commands.traceStartSession(good, "secret-" + UUID.randomUUID(), Instant.now());
        try (RootLogCapture capture = RootLogCapture.start()) {
            IngestUnderTest service = ingest(options.toArray(String[]::new));
            await().atMost(WAIT).until(() -> accepting.handshakenClients() == 1
                    && handshakes(refusing, CommandOutcome.WRONG_PASSWORD) >= 2);
            try (KafkaProducer<String, DecoderCommand> producer = commandProducer()) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), good, start)).get();
            }
            await().atMost(WAIT).until(() -> accepting.receivedCommands().stream()
                    .anyMatch(c -> c.messageId() == 6402 && c.outcome() == CommandOutcome.ACCEPTED));
            metrics = service.scrape();
            resources.remove(service);
            service.close();
            logs = capture.text();
        }
        assertThat(logs).as("the capture saw the masked configuration, the refusal and the command")
                .contains("<secret>", "6002", start.getCommandId());

        List<String> helpArgs = new ArrayList<>(options);
        helpArgs.add("--help");
        ConsoleRun help = ConsoleRun.of(IngestService.of(new LapSnapperIngest()).environment(Map.of()),
                helpArgs.toArray(String[]::new));
        List<String> badArgs = new ArrayList<>(options);
        badArgs.add("--lapsnapper.heartbeat.missed=many");
        ConsoleRun configError = ConsoleRun.of(IngestService.of(new LapSnapperIngest()).environment(Map.of()),
                badArgs.toArray(String[]::new));
        assertThat(help.exitStatus()).isZero();
        assertThat(help.out()).contains("lapsnapper.pin");
        assertThat(configError.exitStatus()).isEqualTo(IngestService.EXIT_CONFIG);
        assertThat(configError.err()).contains("lapsnapper.heartbeat.missed", "many");

        for (String secret : secrets) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(help.all()).as("--help").doesNotContain(secret);
            assertThat(configError.all()).as("configuration error").doesNotContain(secret);
        }
    }
}
