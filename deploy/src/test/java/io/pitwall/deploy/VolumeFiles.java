package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Resolves a path inside a container to the ConfigMap or Secret key mounted there. */
final class VolumeFiles {

    private VolumeFiles() {
    }

    /** The content of a mounted ConfigMap file; empty when the path is not one. */
    static Optional<String> read(Manifests m, JsonNode workload, JsonNode container, String path) {
        Optional<Source> source = source(workload, container, path);
        if (source.isEmpty() || !source.get().volume().has("configMap")) {
            return Optional.empty();
        }
        Optional<JsonNode> configMap = m.configMap(source.get().volume().path("configMap").path("name").asText());
        JsonNode data = configMap.map(cm -> cm.path("data").path(source.get().key())).orElse(null);
        return data != null && data.isTextual() ? Optional.of(data.asText()) : Optional.empty();
    }

    /** Whether the path is a key of a mounted ConfigMap (in the overlay) or Secret (documented). */
    static boolean exists(Manifests m, JsonNode workload, JsonNode container, String path) {
        return source(workload, container, path).map(source -> {
            JsonNode volume = source.volume();
            if (volume.has("configMap")) {
                return m.configMap(volume.path("configMap").path("name").asText())
                        .map(cm -> cm.path("data").has(source.key())).orElse(false);
            }
            if (volume.has("secret")) {
                return OperatorSecrets.documented().getOrDefault(volume.path("secret").path("secretName").asText(),
                        java.util.Set.of()).contains(source.key());
            }
            return false;
        }).orElse(false);
    }

    private record Source(JsonNode volume, String key) {
    }

    private static Optional<Source> source(JsonNode workload, JsonNode container, String path) {
        for (JsonNode mount : Yaml.list(container.path("volumeMounts"))) {
            String dir = mount.path("mountPath").asText();
            if (path.startsWith(dir + "/") && path.indexOf('/', dir.length() + 1) < 0) {
                String key = path.substring(dir.length() + 1);
                for (JsonNode volume : Yaml.list(Manifests.podSpec(workload).path("volumes"))) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return Optional.of(new Source(volume, key));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
