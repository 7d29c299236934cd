package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Secrets the operator creates, as documented by {@code deploy/k8s/secrets.example.yaml}: the one list of
 * which Secrets (and keys) the manifests may reference. The overlays never contain a Secret themselves.
 */
final class OperatorSecrets {

    static final Path EXAMPLE = DeployFiles.k8s().resolve("secrets.example.yaml");

    private OperatorSecrets() {
    }

    /** Secret name -> its documented keys. */
    static Map<String, Set<String>> documented() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (JsonNode doc : Yaml.documents(EXAMPLE)) {
            if (!"Secret".equals(doc.path("kind").asText())) {
                throw new IllegalStateException(EXAMPLE + " must contain Secrets only, found " + Yaml.id(doc));
            }
            Set<String> keys = new TreeSet<>(Yaml.fieldNames(doc.path("stringData")));
            keys.addAll(Yaml.fieldNames(doc.path("data")));
            secrets.put(doc.path("metadata").path("name").asText(), keys);
        }
        return secrets;
    }
}
