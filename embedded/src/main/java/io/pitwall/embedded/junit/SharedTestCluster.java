package io.pitwall.embedded.junit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The one cluster of this test JVM: started on first use, closed when the JUnit run ends (through the
 * root store of {@link KafkaClusterExtension}) or, failing that, when the JVM exits.
 */
final class SharedTestCluster {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTestCluster.class);

    private static TestCluster current;
    private static Thread shutdownHook;
    /** A failed start is not retried for every test class: each would wait for the same failure again. */
    private static RuntimeException startFailure;

    private SharedTestCluster() {
    }

    static synchronized KafkaCluster get() {
        if (startFailure != null) {
            throw new IllegalStateException("the Pitwall test cluster failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        if (current == null) {
            try {
                current = startSelected();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            shutdownHook = new Thread(SharedTestCluster::shutdown, "pitwall-test-cluster-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return current;
    }

    static synchronized void shutdown() {
        if (current == null) {
            return;
        }
        TestCluster closing = current;
        current = null;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and will find nothing to do
            }
        }
        shutdownHook = null;
        LOG.info("Stopping Pitwall test cluster: {}", closing.description());
        closing.close();
    }

    private static TestCluster startSelected() {
        Function<String, String> settings = name -> System.getProperty(name, System.getenv(name));
        TestClusterSelector.Selection selection = TestClusterSelector.select(settings, DockerProbe::isDockerAvailable);
        long started = System.nanoTime();
        TestCluster cluster = switch (selection.kind()) {
            case EXTERNAL -> new ExternalTestCluster(settings.apply(TestClusterSelector.BOOTSTRAP).trim(),
                    settings.apply(TestClusterSelector.REGISTRY_URL).trim());
            case CONTAINERS -> ContainerTestCluster.start(
                    orDefault(settings.apply("PITWALL_TEST_KAFKA_IMAGE"), ContainerTestCluster.DEFAULT_KAFKA_IMAGE),
                    orDefault(settings.apply("PITWALL_TEST_SCHEMA_REGISTRY_IMAGE"), ContainerTestCluster.DEFAULT_SCHEMA_REGISTRY_IMAGE));
            case EMBEDDED -> EmbeddedTestCluster.start();
        };
        String line = "Pitwall test cluster: " + cluster.description() + " (" + selection.reason() + "; ready in "
                + (System.nanoTime() - started) / 1_000_000 + " ms)";
        LOG.info(line);
        System.out.println(line);
        return cluster;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
