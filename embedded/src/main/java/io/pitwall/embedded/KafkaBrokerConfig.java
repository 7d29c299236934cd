package io.pitwall.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker configuration of the embedded single-node KRaft cluster: one process that is both broker
 * and controller, a static one-voter quorum, everything on 127.0.0.1, and settings sized for a laptop.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}) rather than dynamic (KIP-853) on purpose:
 * a static voter's address lives only in the configuration, so the controller may get a different
 * port on every start while the data directory stays valid.
 */
final class KafkaBrokerConfig {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Keys that define the node's identity and addresses; a caller changing them would break the guarantees of this class. */
    static final Set<String> RESERVED = Set.of(
            "node.id", "broker.id", "process.roles",
            "listeners", "advertised.listeners", "listener.security.protocol.map",
            "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dir", "log.dirs", "metadata.log.dir");

    private KafkaBrokerConfig() {
    }

    /**
     * Single-node and small-footprint defaults. Callers may override any of these.
     */
    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // one node: every internal topic has exactly one replica
        d.put("num.partitions", "1");
        d.put("default.replication.factor", "1");
        d.put("min.insync.replicas", "1");
        d.put("offsets.topic.replication.factor", "1");
        d.put("transaction.state.log.replication.factor", "1");
        d.put("transaction.state.log.min.isr", "1");
        d.put("share.coordinator.state.topic.replication.factor", "1");
        d.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each (the defaults) cost start-up time and file handles for nothing on one node
        d.put("offsets.topic.num.partitions", "10");
        d.put("transaction.state.log.num.partitions", "10");
        // tests and a demo want consumers to get partitions at once, not after 3 s
        d.put("group.initial.rebalance.delay.ms", "0");
        // An exactly-once application's next transaction often writes to a partition whose previous commit markers
        // are still being written; the broker then retries adding it to the transaction after this backoff, and
        // the application's commit waits for it. Kafka's 20 ms was most of the lap processor's live latency tail.
        d.put("add.partitions.to.txn.retry.backoff.ms", "2");
        // After a crash the restarted broker registers anew, and the controller refuses that registration
        // until the dead incarnation's session expires (9 s by default). On one machine heartbeats travel
        // over loopback, so a 3 s session is ample and makes restart-after-SIGKILL ~6 s faster.
        d.put("broker.heartbeat.interval.ms", "500");
        d.put("broker.session.timeout.ms", "3000");
        // fewer threads and a 16 MiB instead of 128 MiB cleaner buffer: it is one machine shared with everything else
        d.put("num.network.threads", "2");
        d.put("num.io.threads", "4");
        d.put("background.threads", "4");
        d.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // With one replica there is no second copy to recover from. A killed process loses nothing (the data
        // is in the OS page cache), but a power cut on a club laptop would lose whatever was not fsynced:
        // flush every log that has unflushed data once a second, which bounds that loss at little cost.
        d.put("log.flush.interval.ms", "1000");
        d.put("log.flush.scheduler.interval.ms", "1000");
        return d;
    }

    /**
     * The full broker configuration.
     *
     * @param port           client port (PLAINTEXT listener)
     * @param controllerPort KRaft controller port
     * @param logDir         the single log directory, which also holds the metadata log
     * @param overrides      the caller's extra broker properties, applied over {@link #defaults()}
     */
    static Properties build(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        rejectReserved(overrides);
        if (port == controllerPort) {
            throw new IllegalArgumentException("client and controller ports must differ, both were " + port);
        }
        String host = Ports.LOOPBACK;
        Properties p = new Properties();
        p.putAll(defaults());
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.putAll(overrides);
        return p;
    }

    static void rejectReserved(Map<String, String> overrides) {
        Set<String> clashes = new TreeSet<>(overrides.keySet());
        clashes.retainAll(RESERVED);
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("broker properties " + clashes + " are managed by EmbeddedKafka "
                    + "(node identity, 127.0.0.1 listeners, data directory) and cannot be overridden; "
                    + "use EmbeddedKafka.builder(dataDir).port(..) for the client port");
        }
    }
}
