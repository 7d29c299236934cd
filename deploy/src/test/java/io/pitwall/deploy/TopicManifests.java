package io.pitwall.deploy;

import io.pitwall.schemas.catalog.TopicSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the Strimzi {@code KafkaTopic} resources of the topic catalogue ({@code io.pitwall.schemas.catalog.Topics}),
 * i.e. {@code deploy/k8s/base/kafka/topics.yaml}. {@link KafkaTopicsFileTest} fails when the file and the
 * catalogue differ and rewrites it with {@code -Dpitwall.deploy.regenerate=true}.
 */
final class TopicManifests {

    /** Replicas in the base; the dev overlay patches every KafkaTopic down to its one broker. */
    static final int BASE_REPLICAS = 3;

    private TopicManifests() {
    }

    static String render(List<TopicSpec> topics, String cluster) {
        StringBuilder out = new StringBuilder()
                .append("# GENERATED from the topic catalogue (io.pitwall.schemas.catalog.Topics) by the deploy module's\n")
                .append("# TopicManifests. Do not edit: change the catalogue, then regenerate with\n")
                .append("#   ./mvnw -o -pl deploy test -Dtest=KafkaTopicsFileTest -Dpitwall.deploy.regenerate=true\n")
                .append("# KafkaTopicsFileTest fails while this file and the catalogue differ.\n")
                .append("#\n")
                .append("# spec.topicName keeps the Kafka name whatever Kustomize does to metadata.name. Replicas: ")
                .append(BASE_REPLICAS).append(" here,\n")
                .append("# patched per overlay; min.insync.replicas is set for the whole cluster in the Kafka resource.\n");
        for (TopicSpec topic : topics) {
            out.append("---\n")
                    .append("# ").append(topic.description()).append('\n')
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(cluster).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(BASE_REPLICAS).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> config : topic.configs().entrySet()) {
                out.append("    ").append(config.getKey()).append(": ").append(yamlValue(config.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    /** A Kubernetes object name: lower case, dots become dashes (dots would be legal, but read like topic names). */
    static String resourceName(String topic) {
        return topic.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
    }

    /** Numbers as YAML numbers (as Strimzi's examples write them), plain words bare, anything else quoted. */
    private static String yamlValue(String value) {
        boolean number = value.matches("-?\\d+");
        boolean word = value.matches("[a-z][a-z0-9_.-]*")
                && !value.matches("true|false|yes|no|on|off|null|y|n");
        return number || word ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
