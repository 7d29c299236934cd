package io.pitwall.embedded.junit;

/** A cluster someone else runs, given by {@code PITWALL_TEST_KAFKA_BOOTSTRAP} and {@code PITWALL_TEST_SCHEMA_REGISTRY_URL}. */
record ExternalTestCluster(String bootstrapServers, String schemaRegistryUrl) implements TestCluster {

    @Override
    public String description() {
        return "external Kafka " + bootstrapServers + " + schema registry " + schemaRegistryUrl;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
