package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container entry point, without a container engine: each service is started the way its image starts it,
 * {@code java @jvm.options @main.args} in an application directory laid out like {@code /app}, with the
 * image's ENV and the environment its Kubernetes manifest gives it (addresses pointed at the embedded broker and
 * registry, the dev overlay's venue file, test values for the Secrets, the container's memory limit as
 * {@code -XX:MaxRAM}). It must answer {@code /health/ready} with 200, then stop cleanly on SIGTERM within the
 * manifest's terminationGracePeriodSeconds. The resident memory once ready is logged and written to
 * {@code target/service-memory.txt}: the basis of the manifests' memory requests.
 *
 * <p>The topics are created up front, as the KafkaTopic resources do in Kubernetes (the manifests set
 * TOPICS_CREATE=false). A service whose main class does not exist yet is skipped, saying so.
 *
 * <p>Class path: the services' runtime class path written by the build (dependency:build-classpath), the
 * service's own module first and the other services' modules left out. The image has exactly the module's own
 * runtime dependencies (copy-dependencies); this one may hold a few more third-party jars.
 */
@ExtendWith(KafkaClusterExtension.class)
class ServiceEntryPointIT {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceEntryPointIT.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Path OUTPUT = DeployFiles.deployDir().resolve("target");

    static List<String> modules() {
        return PitwallService.all().stream().map(PitwallService::module).toList();
    }

    @BeforeAll
    static void createTheCatalogueTopics(KafkaCluster cluster) {
        cluster.createTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void startsFromTheImagesCommandLineAndBecomesReady(String module, KafkaCluster cluster, @TempDir Path root)
            throws Exception {
        PitwallService service = PitwallService.named(module);
        assumeTrue(service.mainClassIfPresent().isPresent(), service.pendingReason());
        DeclaredOptions options = DeclaredOptions.of(service).orElse(null);
        assumeTrue(options != null, service.pendingReason());

        Manifests base = new Manifests(Yaml.documentsUnder(DeployFiles.k8s().resolve("base")));
        JsonNode workload = base.workload(module).orElseThrow();
        JsonNode container = Manifests.container(workload, module).orElseThrow();

        Path app = Files.createDirectories(root.resolve("app"));
        Files.copy(DockerfileModel.JVM_OPTIONS, app.resolve("jvm.options"));
        Files.writeString(app.resolve("main.args"), "-cp \"" + classPath(service) + "\"\n" + service.mainClass() + "\n");

        int httpPort = freePort();
        LapSnapperSimulator lapSnapper = null;
        Map<String, String> env = environment(service, options, container, root, cluster, httpPort);
        if (module.equals("ingest-lapsnapper")) {
            // a LapSnapper server to connect to: the ingest is ready only while one is connected
            lapSnapper = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0));
            env.put("LAPSNAPPER_SERVERS", "demo@127.0.0.1:" + lapSnapper.port());
        }

        List<String> command = new ArrayList<>(DockerImageTest.ENTRYPOINT);
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.replaceAll(arg -> arg.replace("@/app/", "@" + app + "/"));
        Path log = Files.createDirectories(OUTPUT.resolve("entrypoint-logs")).resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);

        long started = System.nanoTime();
        Process process = builder.start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + httpPort + HealthCheck.PATH);
            long readyMillis = awaitReady(process, ready, log, started);
            long rssMiB = residentMiB(process.pid());
            LOG.info("{} ready in {} ms from its image command line, RSS {} MiB (limit {})", module, readyMillis, rssMiB,
                    container.path("resources").path("limits").path("memory").asText());
            Files.writeString(OUTPUT.resolve("service-memory.txt"), String.format("%-20s ready %6d ms  RSS %4d MiB  limit %s%n",
                    module, readyMillis, rssMiB, container.path("resources").path("limits").path("memory").asText()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            assertThat(rssMiB * 1024 * 1024).as("%s resident memory once ready is within its memory limit", module)
                    .isLessThan(WorkloadChecks.bytes(container.path("resources").path("limits").path("memory").asText()));

            int grace = Manifests.podSpec(workload).path("terminationGracePeriodSeconds").asInt(30);
            process.destroy(); // SIGTERM, as the kubelet sends it
            assertThat(process.waitFor(grace, TimeUnit.SECONDS))
                    .as("%s stops within terminationGracePeriodSeconds (%d s) after SIGTERM; log %s", module, grace, log)
                    .isTrue();
            assertThat(process.exitValue()).as("%s exit status after SIGTERM; log %s", module, log).isIn(0, 143);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (lapSnapper != null) {
                lapSnapper.close();
            }
        }
    }

    /**
     * The image's ENV, then the Kubernetes container's environment, pointed at this machine: the cluster's
     * addresses, free and ephemeral ports, files under {@code root} instead of /etc/pitwall and /var/lib/pitwall,
     * test values for the Secrets, and the memory limit as the memory the JVM sizes its heap from.
     */
    private static Map<String, String> environment(PitwallService service, DeclaredOptions options, JsonNode container,
            Path root, KafkaCluster cluster, int httpPort) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(DockerfileModel.read().env());
        for (JsonNode e : Yaml.list(container.path("env"))) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            } else {
                env.put(e.path("name").asText(), "test-secret"); // secretKeyRef: what the operator's Secret holds
            }
        }
        for (JsonNode from : Yaml.list(container.path("envFrom"))) {
            if (from.has("secretRef")) {
                for (String key : OperatorSecrets.documented().get(from.path("secretRef").path("name").asText())) {
                    env.put(key, secretValue(key));
                }
            }
        }
        env.replaceAll((name, value) -> value.startsWith("/etc/pitwall/") || value.startsWith("/var/lib/pitwall/")
                ? local(root, value).toString() : value);
        env.computeIfPresent("KAFKA_BOOTSTRAP_SERVERS", (k, v) -> cluster.bootstrapServers());
        env.computeIfPresent("KAFKA_BOOTSTRAP", (k, v) -> cluster.bootstrapServers());
        env.computeIfPresent("SCHEMA_REGISTRY_URL", (k, v) -> cluster.schemaRegistryUrl());
        env.put(options.envOf("http.port").orElseThrow(), Integer.toString(httpPort));
        for (String portOption : List.of(service.module().replace("ingest-", "") + ".port", "t71.port", "rmonitor.port")) {
            options.envOf(portOption).ifPresent(name -> env.put(name, "0")); // any free port: no clashes here
        }
        for (String dir : List.of("STATE_DIR", "CHRONOCLOUD_KEYS_DIR")) {
            if (env.containsKey(dir)) {
                Files.createDirectories(Path.of(env.get(dir)));
            }
        }
        if (env.containsKey("PITWALL_CONFIG_FILE")) {
            writeVenueFile(service, Path.of(env.get("PITWALL_CONFIG_FILE")), root);
        }
        String limit = container.path("resources").path("limits").path("memory").asText();
        env.put("JDK_JAVA_OPTIONS", env.getOrDefault("JDK_JAVA_OPTIONS", "") + " -XX:MaxRAM=" + WorkloadChecks.bytes(limit));
        return env;
    }

    /** The dev overlay's venue file, its /etc/pitwall paths moved under root and the files they name created. */
    private static void writeVenueFile(PitwallService service, Path target, Path root) throws IOException {
        Path source = DeployFiles.overlay("dev").resolve("venues").resolve(service.module() + ".properties");
        Properties venues = new Properties();
        try (var reader = Files.newBufferedReader(source)) {
            venues.load(reader);
        }
        StringBuilder out = new StringBuilder();
        for (String key : venues.stringPropertyNames()) {
            String value = venues.getProperty(key);
            if (value.startsWith("/etc/pitwall/")) {
                Path file = local(root, value);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "test-password\n");
                value = file.toString();
            }
            out.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, out.toString());
    }

    private static String secretValue(String key) {
        // the LapSnapper simulator's default password and PIN
        return switch (key) {
            case "LAPSNAPPER_PASSWORD" -> "1,2,3,4";
            case "LAPSNAPPER_PIN" -> "1234";
            default -> "test-secret";
        };
    }

    private static Path local(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The services' runtime class path: this service's module first, the other services' modules left out. */
    private static String classPath(PitwallService service) throws IOException {
        String file = System.getProperty("pitwall.service.runtime.classpath");
        assumeTrue(file != null && Files.exists(Path.of(file)),
                "the services' runtime class path is written by the Maven build (generate-test-resources)");
        List<String> own = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String entry : Files.readString(Path.of(file)).strip().split(File.pathSeparator)) {
            String owner = PitwallService.all().stream().map(PitwallService::module)
                    .filter(m -> isModuleEntry(entry, m)).findFirst().orElse(null);
            if (service.module().equals(owner)) {
                own.add(entry);
            } else if (owner == null) {
                rest.add(entry);
            }
        }
        assertThat(own).as("%s itself on the class path %s", service.module(), file).isNotEmpty();
        own.addAll(rest);
        return String.join(File.pathSeparator, own);
    }

    /**
     * {@code .../<module>/target/classes} or {@code .../<module>/target/<module>-<version>.jar} (reactor
     * build, as in CI's {@code verify}), or {@code .../io/pitwall/<module>/.../<module>-<version>.jar}
     * (local Maven repository).
     */
    private static boolean isModuleEntry(String entry, String module) {
        Path path = Path.of(entry);
        String name = path.getFileName().toString();
        String reactorTarget = File.separator + module + File.separator + "target" + File.separator;
        boolean moduleJar = name.startsWith(module + "-") && name.endsWith(".jar");
        return entry.endsWith(reactorTarget + "classes")
                || (moduleJar && entry.contains(reactorTarget))
                || (moduleJar && entry.contains("io" + File.separator + "pitwall"));
    }

    private static long awaitReady(Process process, URI ready, Path log, long started) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the process exited with status " + process.exitValue() + " before it was ready;"
                        + " log " + log + ":\n" + tail(log));
            }
            try {
                last = HealthCheck.get(ready);
                if (last == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException notListeningYet) {
                // the health server is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(ready + " did not answer 200 within " + READY_TIMEOUT + " (last status " + last + ");"
                + " log " + log + ":\n" + tail(log));
    }

    private static long residentMiB(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        return Ports.findFree();
    }
}
