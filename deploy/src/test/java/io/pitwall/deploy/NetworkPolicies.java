package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** NetworkPolicy ingress semantics, enough to tell whether a container port can be reached at all. */
final class NetworkPolicies {

    private NetworkPolicies() {
    }

    /**
     * Whether some source may reach {@code containerPort} of the workload's pods: true when no Ingress policy
     * selects the pods (not isolated), or when a rule of a policy that selects them allows that port (by name
     * or number, or every port). Where the traffic may come from is not judged here.
     */
    static boolean admits(Manifests manifests, JsonNode workload, JsonNode containerPort) {
        List<JsonNode> selecting = manifests.ofKind("NetworkPolicy").stream()
                .filter(p -> Manifests.selects(Yaml.textMap(p.path("spec").path("podSelector").path("matchLabels")),
                        Manifests.podLabels(workload)))
                .filter(NetworkPolicies::coversIngress)
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : Yaml.list(policy.path("spec").path("ingress"))) {
                List<JsonNode> ports = Yaml.list(rule.path("ports"));
                if (ports.isEmpty()) {
                    return true;
                }
                for (JsonNode port : ports) {
                    JsonNode p = port.path("port");
                    boolean byName = p.isTextual() && p.asText().equals(containerPort.path("name").asText());
                    boolean byNumber = p.isInt() && p.asInt() == containerPort.path("containerPort").asInt();
                    if (byName || byNumber) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean coversIngress(JsonNode policy) {
        List<JsonNode> types = Yaml.list(policy.path("spec").path("policyTypes"));
        return types.isEmpty() || types.stream().anyMatch(t -> "Ingress".equals(t.asText()));
    }
}
