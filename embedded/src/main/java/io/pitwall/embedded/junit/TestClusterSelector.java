package io.pitwall.embedded.junit;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Decides which cluster the tests get:
 * <ol>
 *   <li>external, when {@value #BOOTSTRAP} and {@value #REGISTRY_URL} are both set;</li>
 *   <li>Testcontainers, when a Docker daemon is available;</li>
 *   <li>otherwise the embedded broker and registry.</li>
 * </ol>
 * {@value #MODE} = {@code external|docker|embedded} forces one ({@code auto} is the default).
 */
final class TestClusterSelector {

    static final String BOOTSTRAP = "PITWALL_TEST_KAFKA_BOOTSTRAP";
    static final String REGISTRY_URL = "PITWALL_TEST_SCHEMA_REGISTRY_URL";
    static final String MODE = "PITWALL_TEST_CLUSTER";

    enum Kind { EXTERNAL, CONTAINERS, EMBEDDED }

    /** The choice and why it was made, for the log line. */
    record Selection(Kind kind, String reason) {
    }

    private TestClusterSelector() {
    }

    /**
     * @param settings        looks a setting up by name (system property first, then environment)
     * @param dockerAvailable asked only when the answer matters
     */
    static Selection select(Function<String, String> settings, BooleanSupplier dockerAvailable) {
        String mode = valueOf(settings, MODE);
        mode = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
        String bootstrap = valueOf(settings, BOOTSTRAP);
        String registry = valueOf(settings, REGISTRY_URL);
        boolean external = bootstrap != null && registry != null;
        if ((bootstrap == null) != (registry == null) && !mode.equals("docker") && !mode.equals("embedded")) {
            throw new IllegalStateException("set both " + BOOTSTRAP + " and " + REGISTRY_URL + " to use an external "
                    + "cluster, or neither; only " + (bootstrap != null ? BOOTSTRAP : REGISTRY_URL) + " is set");
        }
        switch (mode) {
            case "auto":
                if (external) {
                    return new Selection(Kind.EXTERNAL, BOOTSTRAP + " and " + REGISTRY_URL + " are set");
                }
                return dockerAvailable.getAsBoolean()
                        ? new Selection(Kind.CONTAINERS, "Docker daemon found")
                        : new Selection(Kind.EMBEDDED, "no Docker daemon found, fell back to embedded");
            case "external":
                if (!external) {
                    throw new IllegalStateException(MODE + "=external needs " + BOOTSTRAP + " and " + REGISTRY_URL);
                }
                return new Selection(Kind.EXTERNAL, MODE + "=external");
            case "docker":
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(MODE + "=docker but no Docker daemon is available to Testcontainers");
                }
                return new Selection(Kind.CONTAINERS, MODE + "=docker");
            case "embedded":
                return new Selection(Kind.EMBEDDED, MODE + "=embedded");
            default:
                throw new IllegalStateException(MODE + " must be auto, external, docker or embedded, was '" + mode + "'");
        }
    }

    private static String valueOf(Function<String, String> settings, String name) {
        String value = settings.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
