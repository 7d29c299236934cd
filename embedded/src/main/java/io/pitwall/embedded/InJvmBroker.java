package io.pitwall.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * A combined broker+controller running inside this JVM: the fastest to start, and the default for
 * tests. It shares the heap and logging of the JVM, and it cannot be SIGKILLed on its own.
 */
final class InJvmBroker implements RunningBroker {

    private final KafkaRaftServer server;
    private volatile boolean alive = true;

    private InJvmBroker(KafkaRaftServer server) {
        this.server = server;
    }

    static InJvmBroker start(Properties config) {
        // The constructor checks the formatted log directory (cluster id, node id) before anything listens.
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException | Error e) {
            shutdownQuietly(server);
            throw e;
        }
        return new InJvmBroker(server);
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public void stop(Duration grace) {
        if (!alive) {
            return;
        }
        alive = false;
        // shutdown() does the controlled shutdown and returns once the server is down
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("an in-JVM broker cannot be killed, only stopped cleanly; "
                + "use EmbeddedKafka.Mode.CHILD_PROCESS for crash tests");
    }

    @Override
    public String describe() {
        return "in-JVM";
    }

    @Override
    public OptionalLong residentSetSizeBytes() {
        return OptionalLong.empty();
    }

    @Override
    public String diagnostics() {
        return "(in-JVM broker: see this JVM's log output)";
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            // the start-up failure is what matters
        }
    }
}
