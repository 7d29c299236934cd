package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Queries over a list of Kubernetes objects (a rendered overlay, or the base files). */
final class Manifests {

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");

    private final List<JsonNode> objects;

    Manifests(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    /** ConfigMaps generated with a hash suffix are found by their generator name too. */
    Optional<JsonNode> configMap(String name) {
        return ofKind("ConfigMap").stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    List<JsonNode> workloads() {
        return objects.stream().filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> workload(String name) {
        return workloads().stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static JsonNode podTemplate(JsonNode workload) {
        return workload.path("spec").path("template");
    }

    static JsonNode podSpec(JsonNode workload) {
        return podTemplate(workload).path("spec");
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return Yaml.textMap(podTemplate(workload).path("metadata").path("labels"));
    }

    static List<JsonNode> containers(JsonNode workload) {
        return Yaml.list(podSpec(workload).path("containers"));
    }

    static Optional<JsonNode> container(JsonNode workload, String name) {
        return containers(workload).stream().filter(c -> name.equals(c.path("name").asText())).findFirst();
    }

    /** The container port a Service targetPort or probe port means: by name, or by number. */
    static Optional<JsonNode> containerPort(JsonNode workload, JsonNode port) {
        for (JsonNode container : containers(workload)) {
            for (JsonNode p : Yaml.list(container.path("ports"))) {
                boolean byName = port.isTextual() && port.asText().equals(p.path("name").asText());
                boolean byNumber = port.canConvertToInt() && !port.isTextual() && port.asInt() == p.path("containerPort").asInt();
                if (byName || byNumber) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<JsonNode> namedPort(JsonNode container, String name) {
        return Yaml.list(container.path("ports")).stream().filter(p -> name.equals(p.path("name").asText())).findFirst();
    }

    /** Explicit environment variables of a container: name -> value node ({@code value} or {@code valueFrom}). */
    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        for (JsonNode e : Yaml.list(container.path("env"))) {
            env.put(e.path("name").asText(), e);
        }
        return env;
    }

    static Optional<String> envValue(JsonNode container, String name) {
        JsonNode e = env(container).get(name);
        return e == null || !e.has("value") ? Optional.empty() : Optional.of(e.path("value").asText());
    }

    /** Whether every pair of {@code selector} is among {@code labels} (an empty selector selects everything). */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    /** The workloads whose pods a label selector (Service spec.selector, or matchLabels) selects. */
    List<JsonNode> workloadsSelectedBy(Map<String, String> selector) {
        List<JsonNode> out = new ArrayList<>();
        if (selector.isEmpty()) {
            return out;
        }
        for (JsonNode w : workloads()) {
            if (selects(selector, podLabels(w))) {
                out.add(w);
            }
        }
        return out;
    }

    /** Names of the Secrets a workload uses: volumes, env secretKeyRef, envFrom secretRef. */
    static Set<String> secretRefs(JsonNode workload) {
        Set<String> names = new TreeSet<>();
        for (JsonNode volume : Yaml.list(podSpec(workload).path("volumes"))) {
            if (volume.has("secret")) {
                names.add(volume.path("secret").path("secretName").asText());
            }
        }
        for (JsonNode container : containers(workload)) {
            for (JsonNode e : Yaml.list(container.path("env"))) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    names.add(ref.path("name").asText());
                }
            }
            for (JsonNode from : Yaml.list(container.path("envFrom"))) {
                if (from.has("secretRef")) {
                    names.add(from.path("secretRef").path("name").asText());
                }
            }
        }
        return names;
    }

    static Set<String> configMapRefs(JsonNode workload) {
        Set<String> names = new TreeSet<>();
        for (JsonNode volume : Yaml.list(podSpec(workload).path("volumes"))) {
            if (volume.has("configMap")) {
                names.add(volume.path("configMap").path("name").asText());
            }
        }
        for (JsonNode container : containers(workload)) {
            for (JsonNode e : Yaml.list(container.path("env"))) {
                JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                if (!ref.isMissingNode()) {
                    names.add(ref.path("name").asText());
                }
            }
            for (JsonNode from : Yaml.list(container.path("envFrom"))) {
                if (from.has("configMapRef")) {
                    names.add(from.path("configMapRef").path("name").asText());
                }
            }
        }
        return names;
    }
}
