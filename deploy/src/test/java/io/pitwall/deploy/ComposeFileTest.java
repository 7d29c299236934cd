package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/docker-compose.yml: the single-host deployment uses the same configuration keys as Kubernetes (the
 * same environment variable names per service, all declared by the service), the same venue files, the same
 * Kafka and registry versions, and the same container hardening.
 */
class ComposeFileTest {

    static final Path FILE = DeployFiles.deployDir().resolve("docker-compose.yml");

    private static JsonNode services() {
        return Yaml.documents(FILE).get(0).path("services");
    }

    private static JsonNode service(String name) {
        JsonNode service = services().path(name);
        assertThat(service.isObject()).as("compose service %s", name).isTrue();
        return service;
    }

    static List<String> modules() {
        return PitwallService.all().stream().map(PitwallService::module).toList();
    }

    @Test
    void runsKafkaTheRegistryAndEveryService() {
        Set<String> expected = new TreeSet<>(modules());
        expected.add("kafka");
        expected.add("schema-registry");
        assertThat(Yaml.fieldNames(services())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void kafkaAndTheRegistryAreTheVersionsKubernetesAndTheBuildUse() throws IOException {
        String parentPom = Files.readString(DeployFiles.repositoryRoot().resolve("pom.xml"));
        Matcher kafkaVersion = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(parentPom);
        assertThat(kafkaVersion.find()).isTrue();
        assertThat(service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion.group(1));

        Manifests base = new Manifests(Yaml.documentsUnder(DeployFiles.k8s().resolve("base")));
        assertThat(base.ofKind("Kafka").get(0).path("spec").path("kafka").path("version").asText())
                .as("Strimzi's Kafka version = the kafka-clients/Streams version the services are built with")
                .isEqualTo(kafkaVersion.group(1));
        JsonNode registry = base.workload("schema-registry").orElseThrow();
        assertThat(service("schema-registry").path("image").asText())
                .isEqualTo(Manifests.containers(registry).get(0).path("image").asText());
        assertThat(Yaml.textMap(service("kafka").path("environment")))
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                // as the Kubernetes cluster and the embedded broker: exactly-once commits every ~20 ms
                .containsEntry("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS", "2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void runsTheServicesImageHardenedAndHealthGated(String module) {
        JsonNode service = service(module);
        assertThat(service.path("image").asText())
                .isEqualTo("${PITWALL_REGISTRY:-localhost:5000}/pitwall/" + module + ":${PITWALL_VERSION:-"
                        + DeployFiles.projectVersion() + "}");
        assertThat(service.path("read_only").asBoolean()).as("%s read-only root file system", module).isTrue();
        assertThat(Yaml.list(service.path("tmpfs"))).extracting(JsonNode::asText).contains("/tmp");
        assertThat(Yaml.list(service.path("cap_drop"))).extracting(JsonNode::asText).contains("ALL");
        assertThat(Yaml.list(service.path("security_opt"))).extracting(JsonNode::asText).contains("no-new-privileges:true");
        assertThat(service.path("mem_limit").asText()).as("%s memory limit", module).isNotEmpty();
        assertThat(service.path("restart").asText()).isEqualTo("unless-stopped");
        assertThat(service.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(service.has("healthcheck")).as("%s uses the image's HEALTHCHECK", module).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void namesTheGarbageCollectorWhereItReplacesTheImagesJvmOptions(String module) {
        // as in Kubernetes: replacing the image's JDK_JAVA_OPTIONS drops its -XX:+UseG1GC, and under mem_limit 1792m
        // the JVM would pick the serial collector by itself
        String options = Yaml.textMap(service(module).path("environment")).get("JDK_JAVA_OPTIONS");
        if (options != null) {
            assertThat(options).as("%s JDK_JAVA_OPTIONS", module).containsPattern("-XX:\\+Use\\w+GC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void usesTheSameEnvironmentVariablesAsKubernetes(String module) {
        PitwallService pitwall = PitwallService.named(module);
        Set<String> compose = new TreeSet<>(Yaml.fieldNames(service(module).path("environment")));
        Manifests base = new Manifests(Yaml.documentsUnder(DeployFiles.k8s().resolve("base")));
        JsonNode workload = base.workload(module).orElseThrow();
        JsonNode container = Manifests.container(workload, module).orElseThrow();
        assertThat(compose).as("%s: compose and Kubernetes set the same variables (values differ)", module)
                .isEqualTo(EnvironmentKeys.kubernetes(base, workload, container));

        DeclaredOptions options = DeclaredOptions.of(pitwall).orElse(null);
        assumeTrue(options != null, pitwall.pendingReason() + ": its environment variables are not checked yet");
        assertThat(compose.stream().filter(env -> !options.acceptsEnv(env)).toList())
                .as("%s: variables the service does not declare (see its --help)", module).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void mountsTheVenueFilesAndPublishesTheDefaultPorts(String module) throws IOException {
        PitwallService pitwall = PitwallService.named(module);
        JsonNode service = service(module);
        Map<String, String> env = Yaml.textMap(service.path("environment"));
        for (JsonNode volume : Yaml.list(service.path("volumes"))) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./")) {
                Path source = DeployFiles.deployDir().resolve(parts[0]).normalize();
                assertThat(parts[0].startsWith("./secrets/") || Files.exists(source))
                        .as("%s: bind mount %s exists (or is a local secret under ./secrets, git-ignored)", module, parts[0])
                        .isTrue();
                if (parts[1].equals(env.get("PITWALL_CONFIG_FILE"))) {
                    Properties venues = new Properties();
                    venues.load(Files.newBufferedReader(source));
                    assertThat(venues).as("%s: venue file %s", module, parts[0]).isNotEmpty();
                }
            }
        }
        if (env.containsKey("PITWALL_CONFIG_FILE")) {
            assertThat(Yaml.list(service.path("volumes"))).extracting(JsonNode::asText)
                    .anyMatch(v -> v.contains(":" + env.get("PITWALL_CONFIG_FILE") + ":"));
        }

        DeclaredOptions options = DeclaredOptions.of(pitwall).orElse(null);
        assumeTrue(options != null, pitwall.pendingReason() + ": its declared ports are not checked yet");
        List<String> expectedPorts = new ArrayList<>();
        if (module.startsWith("ingest-") && !module.equals("ingest-lapsnapper")) {
            expectedPorts.add(options.defaultOf(module.substring("ingest-".length()) + ".port").orElseThrow());
        }
        if (module.equals("state-publisher")) {
            expectedPorts.add(options.defaultOf("http.port").orElseThrow());
            expectedPorts.add(options.defaultOf("t71.port").orElseThrow());
            expectedPorts.add(options.defaultOf("rmonitor.port").orElseThrow());
        }
        List<String> published = Yaml.list(service.path("ports")).stream()
                .map(p -> p.asText().substring(p.asText().lastIndexOf(':') + 1)).toList();
        assertThat(published).as("%s: container ports published", module).containsExactlyInAnyOrderElementsOf(expectedPorts);
    }

    @Test
    void theEnvExampleNamesTheSameVersion() throws IOException {
        assertThat(Files.readAllLines(DeployFiles.deployDir().resolve(".env.example")))
                .contains("PITWALL_VERSION=" + DeployFiles.projectVersion());
        assertThat(Files.readAllLines(DeployFiles.deployDir().resolve(".gitignore"))).contains(".env", "secrets/");
    }

    /** Docker Compose's own validation, where the compose plugin is installed. */
    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        boolean available;
        try {
            Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            available = version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        }
        assumeTrue(available, "docker compose is not installed: the compose file was checked by this test's other"
                + " methods only, not by `docker compose config`");
        ProcessBuilder builder = new ProcessBuilder("docker", "compose", "-f", FILE.toString(), "config", "--quiet")
                .redirectErrorStream(true)
                .directory(DeployFiles.deployDir().toFile());
        // the ${VAR:?} secrets are required: give them values, as deploy/.env would
        builder.environment().put("LAPSNAPPER_PASSWORD", "1,2,3,4");
        builder.environment().put("SMARTRACE_TOKEN", "test");
        Process config = builder.start();
        String output = new String(config.getInputStream().readAllBytes());
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as("docker compose config: %s", output).isZero();
    }
}
