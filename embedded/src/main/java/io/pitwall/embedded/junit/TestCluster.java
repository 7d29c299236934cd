package io.pitwall.embedded.junit;

/** A {@link KafkaCluster} that this JVM started (or attached to) and must release at the end. */
interface TestCluster extends KafkaCluster, AutoCloseable {

    @Override
    void close();
}
