package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/** The environment variable names a container gets, whatever the channel. */
final class EnvironmentKeys {

    private EnvironmentKeys() {
    }

    /**
     * Kubernetes: explicit {@code env}, plus every key of an {@code envFrom} Secret (as documented in the secrets
     * example, since the operator creates it) or ConfigMap (from the rendering).
     */
    static Set<String> kubernetes(Manifests m, JsonNode workload, JsonNode container) {
        Set<String> names = new TreeSet<>(Manifests.env(container).keySet());
        for (JsonNode from : Yaml.list(container.path("envFrom"))) {
            if (from.has("secretRef")) {
                String secret = from.path("secretRef").path("name").asText();
                names.addAll(OperatorSecrets.documented().getOrDefault(secret, Set.of()));
            }
            if (from.has("configMapRef")) {
                m.configMap(from.path("configMapRef").path("name").asText())
                        .ifPresent(cm -> names.addAll(Yaml.fieldNames(cm.path("data"))));
            }
        }
        return names;
    }
}
