package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Assertions every workload must pass, Pitwall's own and the schema registry alike. */
final class WorkloadChecks {

    private WorkloadChecks() {
    }

    static void assertProbesResourcesAndSecurity(JsonNode workload) {
        String id = Yaml.id(workload);
        JsonNode pod = Manifests.podSpec(workload);
        assertThat(pod.path("enableServiceLinks").asBoolean(true))
                .as("%s: enableServiceLinks false (service-link variables such as SCHEMA_REGISTRY_PORT=tcp://..."
                        + " collide with settings)", id).isFalse();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                .as("%s: no service account token (nothing here talks to the Kubernetes API)", id).isFalse();

        JsonNode podSecurity = pod.path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean()).as("%s: runAsNonRoot", id).isTrue();
        assertThat(podSecurity.path("runAsUser").asInt(0)).as("%s: a numeric non-root runAsUser", id).isPositive();
        assertThat(podSecurity.path("seccompProfile").path("type").asText()).as("%s: seccomp", id).isEqualTo("RuntimeDefault");

        List<JsonNode> containers = Manifests.containers(workload);
        assertThat(containers).as("%s: containers", id).isNotEmpty();
        for (JsonNode c : containers) {
            String where = id + " container " + c.path("name").asText();
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                JsonNode p = c.path(probe);
                assertThat(p.isObject()).as("%s: %s", where, probe).isTrue();
                JsonNode http = p.path("httpGet");
                assertThat(http.isObject()).as("%s: %s is an HTTP probe", where, probe).isTrue();
                assertThat(Manifests.containerPort(workload, http.path("port")))
                        .as("%s: %s port %s is a container port", where, probe, http.path("port")).isPresent();
            }
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                    .as("%s: readiness and liveness are different questions", where)
                    .isNotEqualTo(c.path("livenessProbe").path("httpGet").path("path").asText());
            assertMemoryRequestAndLimit(where, c.path("resources"));
            assertThat(c.path("resources").path("requests").has("cpu")).as("%s: cpu request", where).isTrue();

            JsonNode security = c.path("securityContext");
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                    .as("%s: allowPrivilegeEscalation false", where).isFalse();
            assertThat(Yaml.list(security.path("capabilities").path("drop"))).as("%s: drops ALL capabilities", where)
                    .anyMatch(cap -> "ALL".equals(cap.asText()));
            assertThat(security.path("runAsUser").asInt(1)).as("%s: not root", where).isPositive();
        }
    }

    /** Memory request and limit present, limit at least the request (memory is what gets a pod killed). */
    static void assertMemoryRequestAndLimit(String where, JsonNode resources) {
        String request = resources.path("requests").path("memory").asText("");
        String limit = resources.path("limits").path("memory").asText("");
        assertThat(request).as("%s: memory request", where).isNotEmpty();
        assertThat(limit).as("%s: memory limit", where).isNotEmpty();
        assertThat(bytes(limit)).as("%s: memory limit >= request", where).isGreaterThanOrEqualTo(bytes(request));
    }

    /** Kubernetes quantities: 512Mi, 1Gi, 4G, 1000000. */
    static long bytes(String quantity) {
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] unit : units) {
            if (quantity.endsWith(unit[0])) {
                return Long.parseLong(quantity.substring(0, quantity.length() - unit[0].length())) * Long.parseLong(unit[1]);
            }
        }
        return Long.parseLong(quantity);
    }
}
