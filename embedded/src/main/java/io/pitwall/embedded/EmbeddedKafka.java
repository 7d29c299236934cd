package io.pitwall.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (one process that is broker and controller) on 127.0.0.1,
 * with its data in a directory of the caller's choosing.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir).build().start()) {
 *     kafka.createTopics(List.of(new NewTopic("timing.passings", 3, (short) 1)));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link Mode#IN_JVM} (default) runs the broker in this JVM; {@link Mode#CHILD_PROCESS} runs it in
 *       a child JVM on the same classpath, which {@link #kill()} can SIGKILL.</li>
 *   <li>Restarting ({@link #start()} again, or a new instance on the same directory) keeps the cluster id,
 *       topics, records and committed offsets. The same instance always comes back on the same port; a
 *       new instance does so with {@link Builder#reusePortFromLastRun(boolean)}.</li>
 *   <li>Ready means an AdminClient {@code describeCluster} answered.</li>
 * </ul>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Where the broker runs. */
    public enum Mode {
        /** In this JVM: fastest start, the default for tests. */
        IN_JVM,
        /** In a child JVM, so that fault-injection tests can SIGKILL it with {@link #kill()}. */
        CHILD_PROCESS
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    static final String KRAFT_DIR = "kraft";
    static final String PORT_FILE = "broker.port";
    static final String SERVER_PROPERTIES = "server.properties";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int requestedPort;
    private final boolean reusePortFromLastRun;
    private final Mode mode;
    private final Map<String, String> brokerProperties;
    private final List<String> childJvmOptions;
    private final Duration startupTimeout;

    private int port; // 0 until the first start resolves it; then fixed for the life of this object
    private String clusterId;
    private RunningBroker broker;
    private Duration lastStartupTime;

    private EmbeddedKafka(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath();
        this.requestedPort = builder.port;
        this.reusePortFromLastRun = builder.reusePortFromLastRun;
        this.mode = builder.mode;
        this.brokerProperties = Map.copyOf(builder.brokerProperties);
        this.childJvmOptions = List.copyOf(builder.childJvmOptions);
        this.startupTimeout = builder.startupTimeout;
        this.port = requestedPort;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Starts the broker (formatting the data directory on first use) and returns once it is ready.
     *
     * @throws EmbeddedStartupException when it could not start or was not ready within the start-up timeout
     */
    public synchronized EmbeddedKafka start() {
        if (broker != null && broker.isAlive()) {
            throw new IllegalStateException("broker is already running on " + bootstrapServers());
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedStartupException("cannot create data directory " + dataDir, e);
        }
        if (port == 0) {
            port = Ports.resolve(requestedPort, reusePortFromLastRun, Ports.readRecorded(dataDir.resolve(PORT_FILE)), Ports::findFree);
            // a port picked here (none asked for, none recorded) may be taken by someone's outgoing connection
            // between the probe and this check on a busy machine: pick another rather than fail
            boolean picked = requestedPort == 0 && !(reusePortFromLastRun
                    && Ports.readRecorded(dataDir.resolve(PORT_FILE)).isPresent());
            for (int attempt = 0; picked && attempt < 5 && !Ports.isFree(port); attempt++) {
                port = Ports.findFree();
            }
        }
        if (!Ports.isFree(port)) {
            throw new EmbeddedStartupException("port " + port + " on 127.0.0.1 is in use, so the Kafka broker for "
                    + dataDir + " cannot listen there. Stop whatever uses it (another broker on this data directory?) "
                    + "or choose another port.");
        }
        int controllerPort = freePortOtherThan(port);
        clusterId = KraftStorage.formatIfNeeded(dataDir.resolve(KRAFT_DIR));
        Properties config = KafkaBrokerConfig.build(port, controllerPort, dataDir.resolve(KRAFT_DIR), brokerProperties);
        Path serverProperties = writeServerProperties(config);

        RunningBroker starting;
        try {
            starting = mode == Mode.IN_JVM
                    ? InJvmBroker.start(config)
                    : ChildProcessBroker.start(dataDir, serverProperties, childJvmOptions);
        } catch (RuntimeException e) {
            throw new EmbeddedStartupException("Kafka broker in " + dataDir + " failed to start: " + e.getMessage(), e);
        }
        try {
            awaitReady(starting, started + startupTimeout.toNanos());
        } catch (RuntimeException e) {
            abandon(starting);
            throw e;
        }
        broker = starting;
        Ports.record(dataDir.resolve(PORT_FILE), port);
        lastStartupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Embedded Kafka {} ({}) ready on {} in {} ms{}; cluster {}, data {}", EmbeddedVersions.kafka(),
                broker.describe(), bootstrapServers(), lastStartupTime.toMillis(), rssText(broker.residentSetSizeBytes()),
                clusterId, dataDir);
        return this;
    }

    /** Clean shutdown (controlled shutdown, logs closed). Does nothing if not running. */
    public synchronized void stop() {
        if (broker == null) {
            return;
        }
        long started = System.nanoTime();
        RunningBroker stopping = broker;
        broker = null;
        stopping.stop(STOP_GRACE);
        LOG.info("Embedded Kafka ({}) on {} stopped in {} ms", stopping.describe(), bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Ends a {@link Mode#CHILD_PROCESS} broker with SIGKILL, as a crash would, and returns once it is gone.
     *
     * @throws UnsupportedOperationException for an {@link Mode#IN_JVM} broker
     */
    public synchronized void kill() {
        if (broker == null) {
            return;
        }
        if (mode == Mode.IN_JVM) {
            throw new UnsupportedOperationException("kill() needs Mode.CHILD_PROCESS: an in-JVM broker can only be stopped cleanly");
        }
        RunningBroker killed = broker;
        broker = null;
        killed.kill();
        LOG.info("Embedded Kafka ({}) on {} killed", killed.describe(), bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code 127.0.0.1:port}; known once started (or from the start if a fixed port was given), unchanged by restarts. */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet, so its port is not chosen yet");
        }
        return Ports.LOOPBACK + ":" + port;
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet, so its port is not chosen yet");
        }
        return port;
    }

    public synchronized boolean isRunning() {
        return broker != null && broker.isAlive();
    }

    /** The KRaft cluster id, the same across restarts on the same data directory; empty before the first start. */
    public synchronized Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Mode mode() {
        return mode;
    }

    /** How long the last {@link #start()} took until ready. */
    public synchronized Optional<Duration> lastStartupTime() {
        return Optional.ofNullable(lastStartupTime);
    }

    /** RSS of a {@link Mode#CHILD_PROCESS} broker (Linux); empty otherwise. */
    public synchronized OptionalLong residentSetSizeBytes() {
        return broker == null ? OptionalLong.empty() : broker.residentSetSizeBytes();
    }

    /**
     * Creates the topics that do not exist yet and returns once every partition has a leader, so that a
     * producer started right after cannot lose its first batch (KAFKA-15591).
     */
    public void createTopics(Collection<NewTopic> topics) {
        KafkaTopics.createAndAwaitLeaders(bootstrapServers(), topics, Duration.ofSeconds(30));
    }

    /** {@link #createTopics} for one topic with one replica. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + mode + ", " + (port == 0 ? "not started" : bootstrapServers()) + ", " + dataDir + "]";
    }

    private void awaitReady(RunningBroker starting, long deadlineNanos) {
        String lastProblem = "the port never accepted connections";
        Admin admin = null;
        try {
            while (System.nanoTime() < deadlineNanos) {
                if (!starting.isAlive()) {
                    throw new EmbeddedStartupException("Kafka broker in " + dataDir + " exited during start-up; "
                            + starting.diagnostics());
                }
                // wait for the socket first: an AdminClient against a closed port only logs warnings
                if (!Ports.isListening(port)) {
                    sleep(100);
                    continue;
                }
                if (admin == null) {
                    admin = readinessAdmin();
                }
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                    lastProblem = "describeCluster returned no brokers";
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    lastProblem = "describeCluster failed: " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedStartupException("interrupted while waiting for the Kafka broker", e);
                }
                sleep(100);
            }
            throw new EmbeddedStartupException("Kafka broker in " + dataDir + " was not ready on " + bootstrapServers()
                    + " within " + startupTimeout.toSeconds() + " s (" + lastProblem + "); " + starting.diagnostics());
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    private Admin readinessAdmin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "pitwall-embedded-readiness");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return Admin.create(properties);
    }

    private void abandon(RunningBroker starting) {
        try {
            if (mode == Mode.CHILD_PROCESS) {
                starting.kill();
            } else {
                starting.stop(STOP_GRACE);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not clean up a broker that failed to start", e);
        }
    }

    private Path writeServerProperties(Properties config) {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "written by Pitwall EmbeddedKafka on every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    private static int freePortOtherThan(int taken) {
        int candidate = Ports.findFree();
        while (candidate == taken) {
            candidate = Ports.findFree();
        }
        return candidate;
    }

    static String rssText(OptionalLong rss) {
        return rss.isPresent() ? ", RSS " + rss.getAsLong() / (1024 * 1024) + " MiB" : "";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartupException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Configures an {@link EmbeddedKafka}. */
    public static final class Builder {
        private final Path dataDir;
        private int port;
        private boolean reusePortFromLastRun;
        private Mode mode = Mode.IN_JVM;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> childJvmOptions = new ArrayList<>(ChildProcessBroker.DEFAULT_JVM_OPTIONS);
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one on the first start. */
        public Builder port(int port) {
            Ports.validate(port);
            this.port = port;
            return this;
        }

        /**
         * With port 0: use the port recorded by the last run on this data directory, if there is one, so
         * that a new instance comes back on the same bootstrap address. Off by default.
         */
        public Builder reusePortFromLastRun(boolean reuse) {
            this.reusePortFromLastRun = reuse;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** An extra broker property, applied over the embedded defaults. Listener, node and directory keys are managed and rejected. */
        public Builder brokerProperty(String key, String value) {
            KafkaBrokerConfig.rejectReserved(Map.of(key, value));
            brokerProperties.put(key, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** JVM options of a {@link Mode#CHILD_PROCESS} broker, replacing the defaults (-Xmx512m, serial GC, C1 only). */
        public Builder childJvmOptions(List<String> options) {
            childJvmOptions.clear();
            childJvmOptions.addAll(options);
            return this;
        }

        /** How long {@link #start()} waits for the broker to be ready (default 60 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
