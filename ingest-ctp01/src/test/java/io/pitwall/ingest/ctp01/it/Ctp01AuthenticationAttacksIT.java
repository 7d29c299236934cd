package io.pitwall.ingest.ctp01.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.testing.ConsoleRun;
import io.pitwall.ingest.core.testing.RootLogCapture;
import io.pitwall.ingest.ctp01.Ctp01Ingest;
import io.pitwall.ingest.ctp01.session.SessionMetrics;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks on CTP01 authentication at the wire level, against the real service: an authorize line captured
 * from one connection and replayed on another is refused for every digest method, because each connection
 * gets its own seed; and no configured secret (box passwords, Kafka SASL and TLS passwords, the registry's
 * credentials) appears in the logs, the metrics, {@code --help} or a configuration error.
 */
@ExtendWith(KafkaClusterExtension.class)
class Ctp01AuthenticationAttacksIT {

    private static final List<String> DIGEST_METHODS = List.of("hmac-sha1", "hmac-md5", "seed-sha1", "seed-md5");
    private static final String USER = "timer";
    private static final String PASSWORD = "Ctp01-B0x-Secret";

    @Test
    void aDigestReplayedOnAnotherConnectionIsRefusedForEveryMethod(KafkaCluster cluster) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> venueByMethod = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();
        for (String method : DIGEST_METHODS) {
            String venue = "replay-" + method + "-" + run;
            venueByMethod.put(method, venue);
            options.addAll(venueOptions(venue, method, userOf(method)));
        }
        options.add("--ctp01.venues=" + String.join(",", venueByMethod.values()));

        try (IngestUnderTest service = IngestUnderTest.start(cluster, "replay-" + run, options.toArray(String[]::new))) {
            for (String method : DIGEST_METHODS) {
                int port = service.port(venueByMethod.get(method));
                String capturedLine;
                String firstSeed;
                try (RawCtp01Client victim = new RawCtp01Client(port)) {
                    firstSeed = RawCtp01Client.seedOf(victim.greet());
                    capturedLine = "authorize~" + userOf(method) + "~" + RawCtp01Client.authenticationString(method, PASSWORD, firstSeed);
                    victim.send(capturedLine);
                    assertThat(victim.readLine()).as(method + ": the genuine box").isEqualTo("ack~authorize");
                }
                try (RawCtp01Client attacker = new RawCtp01Client(port)) {
                    String secondSeed = RawCtp01Client.seedOf(attacker.greet());
                    assertThat(secondSeed).as(method + ": a fresh seed per connection").isNotEqualTo(firstSeed);
                    attacker.send(capturedLine);
                    assertThat(attacker.readLine()).as(method + ": the replayed digest").startsWith("err~authorize");
                    attacker.readUntilClosed(Duration.ofSeconds(10));
                }
                try (RawCtp01Client again = new RawCtp01Client(port)) {
                    String seed = RawCtp01Client.seedOf(again.greet());
                    again.send("authorize~" + userOf(method) + "~" + RawCtp01Client.authenticationString(method, PASSWORD, seed));
                    assertThat(again.readLine()).as(method + ": the genuine box answering its own seed")
                            .isEqualTo("ack~authorize");
                }
            }
            for (String venue : venueByMethod.values()) {
                assertThat(service.running.meterRegistry().find(SessionMetrics.HANDSHAKE_FAILURES)
                        .tags("venue", venue, "reason", "wrong_password").counter().count())
                        .as(venue + ": the replay counted as a wrong password").isEqualTo(1.0);
            }
        }
    }

    @Test
    void seedsDoNotRepeatAcrossConnections(KafkaCluster cluster) throws Exception {
        String venue = "seeds-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> options = new ArrayList<>(venueOptions(venue, "hmac-sha1", USER));
        options.add("--ctp01.venues=" + venue);
        try (IngestUnderTest service = IngestUnderTest.start(cluster, venue, options.toArray(String[]::new))) {
            Set<String> seeds = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                try (RawCtp01Client client = new RawCtp01Client(service.port(venue))) {
                    seeds.add(RawCtp01Client.seedOf(client.greet()));
                }
            }
            assertThat(seeds).hasSize(200).allSatisfy(seed -> assertThat(seed).hasSizeGreaterThanOrEqualTo(16));
        }
    }

    @Test
    void noSecretAppearsInLogsMetricsHelpOrConfigurationErrors(KafkaCluster cluster) throws Exception {
        String venue = "secrets-" + UUID.randomUUID().toString().substring(0, 6);
        String saslPassword = "Kafka-Sasl-Pw-91d";
        String keyPassword = "Tls-Key-Pw-37c";
        String registryPassword = "Registry-Pw-55e";
        List<String> secrets = List.of(PASSWORD, saslPassword, keyPassword, registryPassword);
        List<String> options = new ArrayList<>(venueOptions(venue, "hmac-sha1", USER));
        options.add("--ctp01.venues=" + venue);
        // valid but unused with the PLAINTEXT listener: they must be masked wherever the configuration is shown
        options.add("--kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"pitwall\" password=\"" + saslPassword + "\";");
        options.add("--kafka.ssl.key.password=" + keyPassword);
        options.add("--schema.registry.basic.auth.user.info=pitwall:" + registryPassword);

        String logs;
        String metrics;
        try (RootLogCapture capture = RootLogCapture.start()) {
            try (IngestUnderTest service = IngestUnderTest.start(cluster, venue, options.toArray(String[]::new))) {
                ChronoTrackBox box = ChronoTrackBox.builder(venue + "-box").build();
                ClientConfig config = ClientConfig.of("127.0.0.1", service.port(venue)).withCredentials(USER, PASSWORD)
                        .withReconnectDelay(null);
                try (ChronoTrackClient good = new ChronoTrackClient(box, config);
                     ChronoTrackClient bad = new ChronoTrackClient(ChronoTrackBox.builder(venue + "-bad").build(), config)) {
                    bad.faults().wrongPassword(true);
                    good.start();
                    bad.start();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> good.isReady() && bad.authorizationRejections() == 1);
                }
                metrics = service.running.meterRegistry().scrape();
            }
            logs = capture.text();
        }
        assertThat(logs).as("the capture saw the startup configuration and both logins")
                .contains("<secret>", "CTP01 authorization refused for user '" + USER + "'");
        List<String> helpArgs = new ArrayList<>(options);
        helpArgs.add("--help");
        ConsoleRun help = ConsoleRun.of(IngestService.of(new Ctp01Ingest(Map.of())).environment(Map.of()),
                helpArgs.toArray(String[]::new));
        List<String> badArgs = new ArrayList<>(options);
        badArgs.add("--ctp01.port=not-a-port");
        ConsoleRun configError = ConsoleRun.of(IngestService.of(new Ctp01Ingest(Map.of())).environment(Map.of()),
                badArgs.toArray(String[]::new));
        assertThat(help.exitStatus()).isZero();
        assertThat(help.out()).contains("ctp01.port");
        assertThat(configError.exitStatus()).isEqualTo(IngestService.EXIT_CONFIG);
        assertThat(configError.err()).contains("ctp01.port", "not-a-port");

        for (String secret : secrets) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(help.all()).as("--help").doesNotContain(secret);
            assertThat(configError.all()).as("configuration error").doesNotContain(secret);
        }
    }

    /** Users pick their venue, so each venue of one process needs users of its own. */
    private static String userOf(String method) {
        return "timer-" + method;
    }

    private static List<String> venueOptions(String venue, String method, String user) {
        String p = "--ctp01.venue." + venue + ".";
        return List.of(p + "port=" + Ports.findFree(), p + "authentication=" + method, p + "password." + user + "=" + PASSWORD);
    }
}
