package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay with {@code kubectl kustomize} and checks what it would apply: the objects, Strimzi's
 * cluster and topics against the code catalogue, the references between objects, the network policies and the
 * wiring of the platform (Kafka, registry). Checks of each Pitwall service's own workload are in
 * {@link ServiceWorkloadsTest}. Without kubectl every test here is skipped, saying so.
 */
class KustomizeOverlaysTest {

    /** What a rendered overlay may contain: apiVersion -> kinds. A Secret is deliberately not among them. */
    static final Map<String, Set<String>> KNOWN_KINDS = Map.of(
            "v1", Set.of("Namespace", "ConfigMap", "Service", "ServiceAccount"),
            "apps/v1", Set.of("Deployment", "StatefulSet"),
            "networking.k8s.io/v1", Set.of("Ingress", "NetworkPolicy"),
            "autoscaling/v2", Set.of("HorizontalPodAutoscaler"),
            "policy/v1", Set.of("PodDisruptionBudget"),
            "kafka.strimzi.io/v1", Set.of("Kafka", "KafkaNodePool", "KafkaTopic"));

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final String SCHEMAS_TOPIC = "_schemas";

    static List<Overlay> overlays() {
        return Overlay.all();
    }

    static Manifests render(Overlay overlay) {
        return new Manifests(Kustomize.render(DeployFiles.overlay(overlay.name())));
    }

    // ------------------------------------------------------------------ the objects themselves

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectIsAKnownKubernetesOrStrimziObject(Overlay overlay) {
        Manifests m = render(overlay);
        assertThat(m.all()).as("rendered objects").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JsonNode o : m.all()) {
            String apiVersion = o.path("apiVersion").asText("");
            String kind = o.path("kind").asText("");
            String name = o.path("metadata").path("name").asText("");
            if (!KNOWN_KINDS.getOrDefault(apiVersion, Set.of()).contains(kind)) {
                problems.add(Yaml.id(o) + ": unknown apiVersion/kind " + apiVersion + " " + kind);
            }
            if (!DNS_SUBDOMAIN.matcher(name).matches()) {
                problems.add(Yaml.id(o) + ": metadata.name '" + name + "' is not a valid object name");
            }
            if (!o.path("spec").isObject() && !Set.of("Namespace", "ConfigMap").contains(kind)) {
                problems.add(Yaml.id(o) + ": no spec");
            }
            problems.addAll(KnownFields.problems(o));
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everythingIsInTheOverlaysNamespace(Overlay overlay) {
        Manifests m = render(overlay);
        assertThat(m.find("Namespace", overlay.namespace())).as("Namespace %s", overlay.namespace()).isPresent();
        for (JsonNode o : m.all()) {
            if (!"Namespace".equals(o.path("kind").asText())) {
                assertThat(o.path("metadata").path("namespace").asText()).as("namespace of %s", Yaml.id(o))
                        .isEqualTo(overlay.namespace());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyWorkloadHasProbesResourcesAndANonRootSecurityContext(Overlay overlay) {
        Manifests m = render(overlay);
        assertThat(m.workloads()).isNotEmpty();
        for (JsonNode w : m.workloads()) {
            WorkloadChecks.assertProbesResourcesAndSecurity(w);
        }
    }

    // ------------------------------------------------------------------ secrets and config maps

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void secretsAreReferencedNeverShippedAndAllDocumented(Overlay overlay) {
        Manifests m = render(overlay);
        assertThat(m.all()).as("no Secret in a rendered overlay: passwords, PINs and keys never go into manifests")
                .noneMatch(o -> "Secret".equals(o.path("kind").asText()));
        Map<String, Set<String>> documented = OperatorSecrets.documented();
        Set<String> referenced = new TreeSet<>();
        for (JsonNode w : m.workloads()) {
            referenced.addAll(Manifests.secretRefs(w));
            for (JsonNode c : Manifests.containers(w)) {
                for (JsonNode e : Yaml.list(c.path("env"))) {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertThat(documented.getOrDefault(ref.path("name").asText(), Set.of()))
                                .as("key %s of Secret %s (used by %s) is documented in %s", ref.path("key").asText(),
                                        ref.path("name").asText(), Yaml.id(w), OperatorSecrets.EXAMPLE)
                                .contains(ref.path("key").asText());
                    }
                }
            }
        }
        for (JsonNode ingress : m.ofKind("Ingress")) {
            Yaml.list(ingress.path("spec").path("tls")).forEach(t -> referenced.add(t.path("secretName").asText()));
        }
        assertThat(documented.keySet()).as("Secrets the operator creates, documented in %s", OperatorSecrets.EXAMPLE)
                .containsAll(referenced);
    }

    @Test
    void theSecretsExampleIsNeverAppliedByAKustomization() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFiles.k8s())) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("secrets.example");
            }
        }
        for (Map.Entry<String, Set<String>> secret : OperatorSecrets.documented().entrySet()) {
            assertThat(secret.getValue()).as("documented keys of %s", secret.getKey()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyReferencedConfigMapExists(Overlay overlay) {
        Manifests m = render(overlay);
        for (JsonNode w : m.workloads()) {
            for (String name : Manifests.configMapRefs(w)) {
                assertThat(m.configMap(name)).as("ConfigMap %s used by %s", name, Yaml.id(w)).isPresent();
            }
        }
    }

    // ------------------------------------------------------------------ Strimzi

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaClusterHasTheOverlaysNodesAndReplication(Overlay overlay) {
        Manifests m = render(overlay);
        List<JsonNode> clusters = m.ofKind("Kafka");
        assertThat(clusters).hasSize(1);
        JsonNode kafka = clusters.get(0);
        String cluster = kafka.path("metadata").path("name").asText();

        int controllers = 0;
        int brokers = 0;
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("cluster of %s", Yaml.id(pool)).isEqualTo(cluster);
            Set<String> roles = new TreeSet<>();
            Yaml.list(pool.path("spec").path("roles")).forEach(r -> roles.add(r.asText()));
            assertThat(roles).as("roles of %s", Yaml.id(pool)).isNotEmpty().isSubsetOf("controller", "broker");
            if (overlay.dedicatedControllers()) {
                assertThat(roles).as("roles of %s: controllers apart from brokers", Yaml.id(pool)).hasSize(1);
            }
            int replicas = pool.path("spec").path("replicas").asInt();
            controllers += roles.contains("controller") ? replicas : 0;
            brokers += roles.contains("broker") ? replicas : 0;
            JsonNode volumes = pool.path("spec").path("storage").path("volumes");
            assertThat(Yaml.list(volumes)).as("%s: persistent storage", Yaml.id(pool)).isNotEmpty()
                    .allMatch(v -> "persistent-claim".equals(v.path("type").asText()));
            WorkloadChecks.assertMemoryRequestAndLimit(Yaml.id(pool), pool.path("spec").path("resources"));
        }
        assertThat(controllers).as("KRaft controllers").isEqualTo(overlay.controllers());
        assertThat(brokers).as("brokers").isEqualTo(overlay.brokers());

        Map<String, String> config = Yaml.textMap(kafka.path("spec").path("kafka").path("config"));
        String replication = Integer.toString(overlay.replication());
        assertThat(config).containsEntry("default.replication.factor", replication)
                .containsEntry("offsets.topic.replication.factor", replication)
                .containsEntry("transaction.state.log.replication.factor", replication)
                .containsEntry("min.insync.replicas", Integer.toString(overlay.minInsyncReplicas()))
                .containsEntry("transaction.state.log.min.isr", Integer.toString(overlay.minInsyncReplicas()))
                .containsEntry("auto.create.topics.enable", "false")
                // the live latency of exactly-once commits every ~20 ms (lap-processor README, Benchmarks)
                .containsEntry("add.partitions.to.txn.retry.backoff.ms", "2");
        assertThat(overlay.minInsyncReplicas()).as("acks=all must stay possible with one broker down")
                .isLessThanOrEqualTo(Math.max(1, overlay.replication() - 1));
        assertThat(kafka.path("spec").path("entityOperator").has("topicOperator"))
                .as("the Topic Operator reconciles the KafkaTopics").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyCatalogueTopicHasAKafkaTopicWithTheSameSettings(Overlay overlay) {
        Manifests m = render(overlay);
        String cluster = m.ofKind("Kafka").get(0).path("metadata").path("name").asText();
        Map<String, JsonNode> byTopic = new TreeMap<>();
        for (JsonNode t : m.ofKind("KafkaTopic")) {
            String topicName = t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText());
            assertThat(byTopic.put(topicName, t)).as("topic %s declared once", topicName).isNull();
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("cluster of %s", Yaml.id(t)).isEqualTo(cluster);
            assertThat(t.path("spec").path("replicas").asInt()).as("replicas of %s", topicName)
                    .isEqualTo(overlay.replication());
            assertThat(Yaml.textMap(t.path("spec").path("config"))).as("%s must not weaken min.insync.replicas", topicName)
                    .doesNotContainKey("min.insync.replicas");
        }
        for (TopicSpec spec : Topics.ALL) {
            JsonNode topic = byTopic.get(spec.name());
            assertThat(topic).as("KafkaTopic for catalogue topic %s", spec.name()).isNotNull();
            assertThat(topic.path("spec").path("partitions").asInt()).as("partitions of %s", spec.name())
                    .isEqualTo(spec.partitions());
            assertThat(Yaml.textMap(topic.path("spec").path("config"))).as("config of %s", spec.name())
                    .isEqualTo(new TreeMap<>(spec.configs()));
        }
        Set<String> extra = new TreeSet<>(byTopic.keySet());
        Topics.ALL.forEach(t -> extra.remove(t.name()));
        assertThat(extra).as("KafkaTopics that are not in the catalogue").containsOnly(SCHEMAS_TOPIC);

        JsonNode schemas = byTopic.get(SCHEMAS_TOPIC);
        assertThat(schemas.path("spec").path("partitions").asInt()).as("_schemas is one ordered log").isEqualTo(1);
        assertThat(schemas.path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    }

    // ------------------------------------------------------------------ platform wiring

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyClientUsesTheKafkaBootstrapServiceAndTheRegistryService(Overlay overlay) {
        Manifests m = render(overlay);
        JsonNode kafka = m.ofKind("Kafka").get(0);
        JsonNode plain = Yaml.list(kafka.path("spec").path("kafka").path("listeners")).stream()
                .filter(l -> !l.path("tls").asBoolean() && "internal".equals(l.path("type").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no internal plain listener"));
        String bootstrap = kafka.path("metadata").path("name").asText() + "-kafka-bootstrap:" + plain.path("port").asInt();

        JsonNode registryService = m.find("Service", "schema-registry").orElseThrow();
        String registryUrl = "http://schema-registry:" + registryService.path("spec").path("ports").get(0).path("port").asInt();
        int checked = 0;
        for (JsonNode w : m.workloads()) {
            for (JsonNode c : Manifests.containers(w)) {
                for (String name : List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP")) {
                    Optional<String> value = Manifests.envValue(c, name);
                    if (value.isPresent()) {
                        assertThat(value.get()).as("%s of %s", name, Yaml.id(w)).isEqualTo(bootstrap);
                        checked++;
                    }
                }
                Manifests.envValue(c, "SCHEMA_REGISTRY_URL")
                        .ifPresent(url -> assertThat(url).as("SCHEMA_REGISTRY_URL of %s", Yaml.id(w)).isEqualTo(registryUrl));
                Manifests.envValue(c, "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
                        .ifPresent(v -> assertThat(v).isEqualTo("PLAINTEXT://" + bootstrap));
            }
        }
        assertThat(checked).as("services with a bootstrap address").isEqualTo(PitwallService.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void schemaRegistryStoresInTheSchemasTopicWithItsReplication(Overlay overlay) {
        Manifests m = render(overlay);
        JsonNode registry = m.workload("schema-registry").orElseThrow();
        JsonNode container = Manifests.containers(registry).get(0);
        assertThat(container.path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(Manifests.podSpec(registry).path("enableServiceLinks").asBoolean(true))
                .as("service links would set SCHEMA_REGISTRY_PORT=tcp://..., which the image refuses").isFalse();
        assertThat(Manifests.envValue(container, "SCHEMA_REGISTRY_KAFKASTORE_TOPIC")).contains(SCHEMAS_TOPIC);
        assertThat(Manifests.envValue(container, "SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR"))
                .contains(Integer.toString(overlay.replication()));
        assertThat(Manifests.envValue(container, "SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL")).contains("backward");
        assertThat(m.ofKind("PodDisruptionBudget")).anyMatch(p -> Manifests.selects(
                Yaml.textMap(p.path("spec").path("selector").path("matchLabels")), Manifests.podLabels(registry)));
    }

    // ------------------------------------------------------------------ services, network policies

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServicePortReachesAContainerPortThatTheNetworkPoliciesAdmit(Overlay overlay) {
        Manifests m = render(overlay);
        assertThat(m.ofKind("NetworkPolicy")).as("a default-deny policy")
                .anyMatch(p -> Yaml.textMap(p.path("spec").path("podSelector").path("matchLabels")).isEmpty()
                        && Yaml.list(p.path("spec").path("ingress")).isEmpty());
        for (JsonNode service : m.ofKind("Service")) {
            Map<String, String> selector = Yaml.textMap(service.path("spec").path("selector"));
            List<JsonNode> targets = m.workloadsSelectedBy(selector);
            assertThat(targets).as("pods of %s", Yaml.id(service)).isNotEmpty();
            for (JsonNode port : Yaml.list(service.path("spec").path("ports"))) {
                JsonNode targetPort = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                for (JsonNode w : targets) {
                    JsonNode containerPort = Manifests.containerPort(w, targetPort).orElseThrow(() -> new AssertionError(
                            Yaml.id(service) + " port " + port + " has no container port in " + Yaml.id(w)));
                    assertThat(NetworkPolicies.admits(m, w, containerPort))
                            .as("%s port %s: some NetworkPolicy admits %s", Yaml.id(service), port.path("name").asText(),
                                    Yaml.id(w))
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaAdmitsPitwallsPodsAndEveryPitwallPodCarriesTheLabel(Overlay overlay) {
        Manifests m = render(overlay);
        JsonNode kafka = m.ofKind("Kafka").get(0);
        List<Map<String, String>> peers = new ArrayList<>();
        for (JsonNode listener : Yaml.list(kafka.path("spec").path("kafka").path("listeners"))) {
            List<JsonNode> listenerPeers = Yaml.list(listener.path("networkPolicyPeers"));
            assertThat(listenerPeers).as("listener %s restricts its peers", listener.path("name").asText()).isNotEmpty();
            listenerPeers.forEach(p -> peers.add(Yaml.textMap(p.path("podSelector").path("matchLabels"))));
        }
        for (JsonNode w : m.workloads()) {
            assertThat(peers).as("%s may reach Kafka", Yaml.id(w))
                    .anyMatch(peer -> !peer.isEmpty() && Manifests.selects(peer, Manifests.podLabels(w)));
        }
    }

    // ------------------------------------------------------------------ lap processor, state publisher

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void lapProcessorIsAStatefulSetWithStandbysAndItsStoresOnAVolume(Overlay overlay) {
        Manifests m = render(overlay);
        JsonNode processor = m.workload("lap-processor").orElseThrow();
        assertThat(processor.path("kind").asText()).isEqualTo("StatefulSet");
        int replicas = processor.path("spec").path("replicas").asInt(1);
        assertThat(replicas).as("instances beyond the partitions of %s would idle", Topics.PASSINGS.name())
                .isBetween(1, Topics.PASSINGS.partitions());
        JsonNode container = Manifests.container(processor, "lap-processor").orElseThrow();
        assertThat(Manifests.envValue(container, "NUM_STANDBY_REPLICAS")).contains("1");
        String stateDir = Manifests.envValue(container, "STATE_DIR").orElseThrow(() -> new AssertionError("STATE_DIR"));
        Set<String> claims = new TreeSet<>();
        Yaml.list(processor.path("spec").path("volumeClaimTemplates")).forEach(c -> claims.add(c.path("metadata").path("name").asText()));
        assertThat(Yaml.list(container.path("volumeMounts")))
                .as("STATE_DIR %s is on a PersistentVolumeClaim", stateDir)
                .anyMatch(v -> stateDir.equals(v.path("mountPath").asText()) && claims.contains(v.path("name").asText()));
        assertThat(m.ofKind("PodDisruptionBudget")).anyMatch(p -> Manifests.selects(
                Yaml.textMap(p.path("spec").path("selector").path("matchLabels")), Manifests.podLabels(processor)));
        if (overlay == Overlay.PROD) {
            assertThat(replicas).as("standbys need a second instance").isGreaterThan(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void statePublisherScalesBehindAnIngressReadyForWebSockets(Overlay overlay) {
        Manifests m = render(overlay);
        JsonNode publisher = m.workload("state-publisher").orElseThrow();
        assertThat(publisher.path("kind").asText()).isEqualTo("Deployment");
        assertThat(publisher.path("spec").has("replicas"))
                .as("the HorizontalPodAutoscaler owns the replica count; a replicas field would reset it on apply").isFalse();

        JsonNode hpa = m.find("HorizontalPodAutoscaler", "state-publisher").orElseThrow();
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("state-publisher");
        int min = hpa.path("spec").path("minReplicas").asInt();
        assertThat(min).isPositive().isLessThanOrEqualTo(hpa.path("spec").path("maxReplicas").asInt());
        if (overlay == Overlay.PROD) {
            assertThat(min).as("one replica down must not take the timing page down").isGreaterThanOrEqualTo(2);
        }
        assertThat(m.ofKind("PodDisruptionBudget")).anyMatch(p -> Manifests.selects(
                Yaml.textMap(p.path("spec").path("selector").path("matchLabels")), Manifests.podLabels(publisher)));

        JsonNode ingress = m.find("Ingress", "state-publisher").orElseThrow();
        Map<String, String> annotations = Yaml.textMap(ingress.path("metadata").path("annotations"));
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("WebSocket and SSE connections last a session").isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        for (JsonNode rule : Yaml.list(ingress.path("spec").path("rules"))) {
            for (JsonNode path : Yaml.list(rule.path("http").path("paths"))) {
                JsonNode backend = path.path("backend").path("service");
                JsonNode service = m.find("Service", backend.path("name").asText()).orElseThrow();
                JsonNode servicePort = Yaml.list(service.path("spec").path("ports")).stream()
                        .filter(p -> backend.path("port").path("name").asText().equals(p.path("name").asText())
                                || backend.path("port").path("number").asInt(-1) == p.path("port").asInt())
                        .findFirst().orElseThrow(() -> new AssertionError("Ingress backend port not in " + Yaml.id(service)));
                assertThat(Manifests.containerPort(publisher, servicePort.path("targetPort")))
                        .map(p -> p.path("name").asText()).contains("http");
            }
        }
        JsonNode feeds = m.ofKind("Service").stream()
                .filter(s -> "LoadBalancer".equals(s.path("spec").path("type").asText()))
                .filter(s -> m.workloadsSelectedBy(Yaml.textMap(s.path("spec").path("selector"))).contains(publisher))
                .findFirst().orElseThrow(() -> new AssertionError("no LoadBalancer for the Timing71 and RMonitor ports"));
        Set<String> targets = new TreeSet<>();
        Yaml.list(feeds.path("spec").path("ports")).forEach(p -> targets.add(p.path("targetPort").asText()));
        assertThat(targets).containsExactlyInAnyOrder("t71", "rmonitor");
    }
}
