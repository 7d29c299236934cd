package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Pitwall service's workload in each rendered overlay, against the service's own code: its image, probes
 * on the health endpoints, metrics scraping, ports equal to the defaults its configuration declares, and only
 * environment variables and venue-file keys the service declares (what its {@code --help} prints).
 *
 * <p>The options are read from the services' config classes. A service whose classes are not finished yet has
 * those checks skipped, with the reason; the rest of its checks run.
 */
class ServiceWorkloadsTest {

    static Stream<Arguments> overlaysAndServices() {
        return Overlay.all().stream().flatMap(o -> PitwallService.all().stream().map(s -> Arguments.of(o, s.module())));
    }

    private static JsonNode workload(Manifests m, PitwallService service) {
        return m.workload(service.module()).orElseThrow(() -> new AssertionError("no workload " + service.module()));
    }

    private static JsonNode container(JsonNode workload, PitwallService service) {
        return Manifests.container(workload, service.module())
                .orElseThrow(() -> new AssertionError(Yaml.id(workload) + " has no container " + service.module()));
    }

    /** The port serving /health/* and /metrics: "metrics", or "http" where the service has one port for both. */
    private static JsonNode metricsPort(JsonNode container) {
        return Manifests.namedPort(container, "metrics").or(() -> Manifests.namedPort(container, "http"))
                .orElseThrow(() -> new AssertionError("no metrics/http port in container " + container.path("name")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void namesTheGarbageCollectorWhereItReplacesTheImagesJvmOptions(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        JsonNode container = container(workload(KustomizeOverlaysTest.render(overlay), service), service);
        // the image's JDK_JAVA_OPTIONS names G1; a container that sets its own replaces them, and under a memory
        // limit of 1792 MB the JVM would then take the serial collector without saying so
        Manifests.envValue(container, "JDK_JAVA_OPTIONS").ifPresent(options -> assertThat(options)
                .as("%s JDK_JAVA_OPTIONS", module).containsPattern("-XX:\\+Use\\w+GC"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void runsTheServicesImageAtTheProjectVersion(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        JsonNode workload = workload(KustomizeOverlaysTest.render(overlay), service);
        assertThat(workload.path("kind").asText()).isEqualTo("lap-processor".equals(module) ? "StatefulSet" : "Deployment");
        String image = container(workload, service).path("image").asText();
        assertThat(image).as("image of %s: <registry>/%s:<Maven version>", module, service.image())
                .matches("[a-z0-9.-]+(:[0-9]+)?/" + service.image() + ":.+")
                .endsWith(":" + DeployFiles.projectVersion());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void probesTheHealthEndpointsAndIsScrapedForMetrics(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        JsonNode workload = workload(KustomizeOverlaysTest.render(overlay), service);
        JsonNode container = container(workload, service);
        JsonNode port = metricsPort(container);
        assertThat(port.path("containerPort").asInt()).as("health/metrics port of %s = services.txt", module)
                .isEqualTo(service.httpPort());
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText()).isEqualTo(port.path("name").asText());
        }
        Map<String, String> annotations = Yaml.textMap(Manifests.podTemplate(workload).path("metadata").path("annotations"));
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/metrics")
                .containsEntry("prometheus.io/port", Integer.toString(service.httpPort()));
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
                .as("%s: read-only root file system", module).isTrue();
        assertThat(Yaml.list(container.path("volumeMounts"))).as("%s: a writable /tmp (Netty, RocksDB unpack there)", module)
                .anyMatch(v -> "/tmp".equals(v.path("mountPath").asText()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void hardwarePortsAreReachableThroughALoadBalancer(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        Manifests m = KustomizeOverlaysTest.render(overlay);
        JsonNode workload = workload(m, service);
        Optional<JsonNode> hardware = Manifests.namedPort(container(workload, service), "hardware");
        if (module.equals("ingest-lapsnapper")) {
            assertThat(hardware).as("LapSnapper is dialled out to (port 9001): no inbound hardware port").isEmpty();
            return;
        }
        if (!module.startsWith("ingest-")) {
            assertThat(hardware).isEmpty();
            return;
        }
        assertThat(hardware).as("%s: a port named hardware", module).isPresent();
        assertThat(m.ofKind("Service")).as("%s: a LoadBalancer Service for the timing hardware", module)
                .anyMatch(s -> "LoadBalancer".equals(s.path("spec").path("type").asText())
                        && m.workloadsSelectedBy(Yaml.textMap(s.path("spec").path("selector"))).contains(workload)
                        && Yaml.list(s.path("spec").path("ports")).stream()
                        .anyMatch(p -> "hardware".equals(p.path("targetPort").asText())
                                && p.path("port").asInt() == hardware.get().path("containerPort").asInt()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void portsAreTheDefaultsTheServiceDeclares(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        JsonNode container = container(workload(KustomizeOverlaysTest.render(overlay), service), service);
        DeclaredOptions options = DeclaredOptions.of(service).orElse(null);
        assumeTrue(options != null, service.pendingReason() + ": its declared ports are not checked yet");

        assertThat(options.defaultOf("http.port")).as("%s http.port default", module)
                .contains(Integer.toString(service.httpPort()));
        Map<String, String> portOptions = new java.util.LinkedHashMap<>();
        if (module.startsWith("ingest-") && !module.equals("ingest-lapsnapper")) {
            portOptions.put("hardware", module.substring("ingest-".length()) + ".port");
        }
        if (module.equals("state-publisher")) {
            portOptions.put("t71", "t71.port");
            portOptions.put("rmonitor", "rmonitor.port");
        }
        for (Map.Entry<String, String> entry : portOptions.entrySet()) {
            JsonNode port = Manifests.namedPort(container, entry.getKey())
                    .orElseThrow(() -> new AssertionError(module + " has no port " + entry.getKey()));
            assertThat(options.defaultOf(entry.getValue())).as("%s: port %s = default of %s", module, entry.getKey(),
                    entry.getValue()).contains(port.path("containerPort").asText());
            options.envOf(entry.getValue()).ifPresent(env -> assertThat(Manifests.env(container))
                    .as("%s sets %s: the Service and NetworkPolicy follow the default", module, env).doesNotContainKey(env));
        }
        options.envOf("http.port").ifPresent(env -> assertThat(Manifests.env(container)).doesNotContainKey(env));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void usesOnlyEnvironmentVariablesAndVenueKeysTheServiceDeclares(Overlay overlay, String module) {
        PitwallService service = PitwallService.named(module);
        Manifests m = KustomizeOverlaysTest.render(overlay);
        JsonNode workload = workload(m, service);
        JsonNode container = container(workload, service);
        DeclaredOptions options = DeclaredOptions.of(service).orElse(null);
        assumeTrue(options != null, service.pendingReason() + ": its environment variables are not checked yet");

        List<String> unknown = new ArrayList<>();
        for (String env : EnvironmentKeys.kubernetes(m, workload, container)) {
            if (!options.acceptsEnv(env)) {
                unknown.add(env);
            }
        }
        assertThat(unknown).as("environment variables of %s that the service does not declare (see its --help)", module)
                .isEmpty();

        Optional<String> configFile = Manifests.envValue(container, "PITWALL_CONFIG_FILE");
        if (configFile.isEmpty()) {
            return;
        }
        assertThat(options.readsConfigFile()).as("%s reads a config file", module).isTrue();
        String file = VolumeFiles.read(m, workload, container, configFile.get())
                .orElseThrow(() -> new AssertionError(module + ": PITWALL_CONFIG_FILE " + configFile.get()
                        + " is not a file of a mounted ConfigMap"));
        Properties venues = new Properties();
        try {
            venues.load(new StringReader(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(venues).as("%s: venue configuration", module).isNotEmpty();
        for (String key : venues.stringPropertyNames()) {
            assertThat(options.acceptsFileKey(key)).as("%s: venue file key %s is an option of the service", module, key)
                    .isTrue();
            String value = venues.getProperty(key).trim();
            if (value.startsWith("/etc/pitwall/")) {
                assertThat(VolumeFiles.exists(m, workload, container, value))
                        .as("%s: %s=%s is a file of a mounted ConfigMap or documented Secret", module, key, value).isTrue();
            }
        }
    }
}
