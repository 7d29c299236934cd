package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catches misspelt fields where a typo would silently drop a setting: the API server prunes unknown fields of
 * custom resources and ignores some on built-in ones, and Kustomize checks nothing. Only the parts Pitwall's
 * manifests write are covered: pod specs, containers, probes, and the Strimzi Kafka, KafkaNodePool and
 * KafkaTopic specs (kafka.strimzi.io/v1: no spec.kafka.replicas/storage/resources, those live in node pools).
 */
final class KnownFields {

    private static final Set<String> POD_SPEC = Set.of("containers", "initContainers", "volumes", "securityContext",
            "enableServiceLinks", "automountServiceAccountToken", "terminationGracePeriodSeconds",
            "topologySpreadConstraints", "affinity", "nodeSelector", "tolerations", "serviceAccountName",
            "priorityClassName", "imagePullSecrets", "dnsPolicy", "restartPolicy", "schedulerName", "hostname",
            "subdomain");
    private static final Set<String> CONTAINER = Set.of("name", "image", "imagePullPolicy", "command", "args",
            "workingDir", "ports", "env", "envFrom", "volumeMounts", "resources", "startupProbe", "readinessProbe",
            "livenessProbe", "lifecycle", "securityContext", "terminationMessagePolicy", "terminationMessagePath");
    private static final Set<String> PROBE = Set.of("httpGet", "tcpSocket", "exec", "grpc", "initialDelaySeconds",
            "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold", "terminationGracePeriodSeconds");
    private static final Set<String> CONTAINER_SECURITY = Set.of("allowPrivilegeEscalation", "readOnlyRootFilesystem",
            "capabilities", "runAsNonRoot", "runAsUser", "runAsGroup", "privileged", "seccompProfile");
    private static final Set<String> POD_SECURITY = Set.of("runAsNonRoot", "runAsUser", "runAsGroup", "fsGroup",
            "fsGroupChangePolicy", "seccompProfile", "supplementalGroups");

    private static final Set<String> KAFKA_SPEC = Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter",
            "clusterCa", "clientsCa", "maintenanceTimeWindows");
    private static final Set<String> KAFKA_KAFKA = Set.of("version", "metadataVersion", "listeners", "config",
            "authorization", "rack", "template", "logging", "metricsConfig", "jvmOptions", "image", "livenessProbe",
            "readinessProbe", "brokerRackInitImage", "quotas", "tieredStorage");
    private static final Set<String> LISTENER = Set.of("name", "port", "type", "tls", "authentication",
            "configuration", "networkPolicyPeers");
    private static final Set<String> NODE_POOL_SPEC = Set.of("replicas", "roles", "storage", "resources",
            "jvmOptions", "template");
    private static final Set<String> JBOD_VOLUME = Set.of("id", "type", "size", "class", "selector", "deleteClaim",
            "kraftMetadata");
    private static final Set<String> TOPIC_SPEC = Set.of("topicName", "partitions", "replicas", "config");

    private KnownFields() {
    }

    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String id = Yaml.id(object);
        JsonNode spec = object.path("spec");
        switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet" -> {
                JsonNode pod = spec.path("template").path("spec");
                check(problems, id + " pod spec", pod, POD_SPEC);
                check(problems, id + " pod securityContext", pod.path("securityContext"), POD_SECURITY);
                for (JsonNode c : Yaml.list(pod.path("containers"))) {
                    String where = id + " container " + c.path("name").asText();
                    check(problems, where, c, CONTAINER);
                    check(problems, where + " securityContext", c.path("securityContext"), CONTAINER_SECURITY);
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        check(problems, where + " " + probe, c.path(probe), PROBE);
                    }
                }
            }
            case "Kafka" -> {
                check(problems, id + " spec", spec, KAFKA_SPEC);
                check(problems, id + " spec.kafka", spec.path("kafka"), KAFKA_KAFKA);
                for (JsonNode l : Yaml.list(spec.path("kafka").path("listeners"))) {
                    check(problems, id + " listener " + l.path("name").asText(), l, LISTENER);
                }
            }
            case "KafkaNodePool" -> {
                check(problems, id + " spec", spec, NODE_POOL_SPEC);
                for (JsonNode v : Yaml.list(spec.path("storage").path("volumes"))) {
                    check(problems, id + " storage volume", v, JBOD_VOLUME);
                }
            }
            case "KafkaTopic" -> check(problems, id + " spec", spec, TOPIC_SPEC);
            default -> {
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String where, JsonNode node, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!known.contains(field.getKey())) {
                problems.add(where + ": unknown field '" + field.getKey() + "'");
            }
        }
    }
}
