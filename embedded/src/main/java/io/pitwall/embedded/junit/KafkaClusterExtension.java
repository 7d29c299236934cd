package io.pitwall.embedded.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real Kafka cluster with a Confluent-compatible schema registry.
 *
 * <pre>{@code
 * @ExtendWith(KafkaClusterExtension.class)
 * class LapPipelineIT {
 *     @Test
 *     void producesLaps(KafkaCluster cluster) {
 *         cluster.createTopics(List.of(new NewTopic("timing.passings", 3, (short) 1)));
 *         ... cluster.bootstrapServers() ... cluster.schemaRegistryUrl() ...
 *     }
 * }
 * }</pre>
 *
 * A {@link KafkaCluster} parameter works in test methods, constructors and lifecycle methods
 * ({@code @BeforeAll} too); {@link #cluster()} gives the same cluster anywhere else.
 *
 * <p>One cluster per test JVM, started on first use and stopped when the test run ends. Which one:
 * an external cluster when {@code PITWALL_TEST_KAFKA_BOOTSTRAP} and {@code PITWALL_TEST_SCHEMA_REGISTRY_URL}
 * are set; Kafka and Confluent Schema Registry in Testcontainers when Docker is available; otherwise the
 * embedded KRaft broker and Apicurio Registry. {@code PITWALL_TEST_CLUSTER=external|docker|embedded}
 * forces a choice. Each setting may also be given as a system property of the same name. The choice is
 * logged, and printed as one "Pitwall test cluster: ..." line.
 *
 * <p>Tests share the cluster, so each should use its own topic names and consumer groups.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    /**
     * The shared cluster, started now if no test has needed it yet. Outside a JUnit run it is stopped
     * when the JVM exits.
     */
    public static KafkaCluster cluster() {
        return SharedTestCluster.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        clusterFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return clusterFor(extensionContext);
    }

    private static KafkaCluster clusterFor(ExtensionContext context) {
        // the root store closes its AutoCloseable values when the whole JUnit run ends
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtEndOfRun.class, key -> new StopAtEndOfRun(),
                StopAtEndOfRun.class);
        return SharedTestCluster.get();
    }

    /** Stops the shared cluster when JUnit closes the root context. */
    private static final class StopAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            SharedTestCluster.shutdown();
        }
    }
}
