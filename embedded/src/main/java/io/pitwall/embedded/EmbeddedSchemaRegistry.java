package io.pitwall.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real Apicurio Registry in a child JVM, storing its schemas in an H2 database file in the caller's
 * data directory, and used by Pitwall only through its Confluent-compatible API at {@link #url()}.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(dataDir).build().start()) {
 *     String url = registry.url(); // http://127.0.0.1:<port>/apis/ccompat/v7
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Schema ids survive restarts on the same directory.</li>
 *   <li>On the first start in a directory the global compatibility is set to BACKWARD, Confluent's
 *       default, which Pitwall's schemas follow (Apicurio's own default is NONE). Later starts leave it as
 *       it is, so a deliberate change sticks.</li>
 *   <li>Ready means {@code GET <url>/subjects} answered 200.</li>
 *   <li>The child's output goes to {@code registry.log} in the data directory; the child exits when
 *       this JVM does.</li>
 * </ul>
 * How the runner jar is found: see {@code ApicurioRunnerLocator} (override with
 * {@code -Dpitwall.apicurio.runner} or {@code PITWALL_APICURIO_RUNNER}).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** Path of the Confluent-compatible API that Pitwall uses. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    static final String LOG_FILE = "registry.log";
    static final String PORT_FILE = "registry.port";
    static final String DATABASE_NAME = "registry";
    static final String COMPATIBILITY_MARKER = "registry-compatibility-initialised";
    static final String INITIAL_COMPATIBILITY = "BACKWARD";

    /** What Apicurio 2.6 needs: about 220 MiB RSS with this heap; C1 only, as start-up time matters more than peak throughput. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dataDir;
    private final int requestedPort;
    private final boolean reusePortFromLastRun;
    private final Path runnerJarOverride;
    private final List<String> jvmOptions;
    private final Duration startupTimeout;

    private int port;
    private Path runnerJar;
    private ChildJvm child;
    private Duration lastStartupTime;

    private EmbeddedSchemaRegistry(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath();
        this.requestedPort = builder.port;
        this.reusePortFromLastRun = builder.reusePortFromLastRun;
        this.runnerJarOverride = builder.runnerJar;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.startupTimeout = builder.startupTimeout;
        this.port = requestedPort;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Starts the registry and returns once it answers; sets BACKWARD compatibility on a new data directory.
     *
     * @throws EmbeddedStartupException when the runner jar is missing, the port is taken, or it does not become ready
     */
    public synchronized EmbeddedSchemaRegistry start() {
        if (child != null && child.isAlive()) {
            throw new IllegalStateException("registry is already running at " + url());
        }
        long started = System.nanoTime();
        if (runnerJar == null) {
            runnerJar = runnerJarOverride != null ? runnerJarOverride : ApicurioRunnerLocator.forThisJvm().locate();
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedStartupException("cannot create data directory " + dataDir, e);
        }
        if (port == 0) {
            port = Ports.resolve(requestedPort, reusePortFromLastRun, Ports.readRecorded(dataDir.resolve(PORT_FILE)), Ports::findFree);
        }
        if (!Ports.isFree(port)) {
            throw new EmbeddedStartupException("port " + port + " on 127.0.0.1 is in use, so the schema registry for "
                    + dataDir + " cannot listen there. Stop whatever uses it or choose another port.");
        }

        ChildJvm starting = ChildJvm.builder("Apicurio Registry " + EmbeddedVersions.apicurio())
                .jvmOptions(jvmOptions)
                .systemProperty("quarkus.http.host", Ports.LOOPBACK)
                .systemProperty("quarkus.http.port", Integer.toString(port))
                // Apicurio 2.6's application.properties reads the %prod datasource from these variables;
                // a file URL instead of its in-memory default is what makes schema ids survive restarts
                .environment("REGISTRY_DATASOURCE_URL", jdbcUrl(dataDir))
                .environment("REGISTRY_DATASOURCE_USERNAME", "sa")
                .environment("REGISTRY_DATASOURCE_PASSWORD", "sa")
                .executableJar(runnerJar)
                .workingDirectory(dataDir)
                .logFile(dataDir.resolve(LOG_FILE))
                .watchdogAgentJar(WatchdogJar.writeInto(dataDir))
                .start();
        try {
            awaitReady(starting, started + startupTimeout.toNanos());
            initialiseCompatibilityOnce();
        } catch (RuntimeException e) {
            starting.kill();
            throw e;
        }
        child = starting;
        Ports.record(dataDir.resolve(PORT_FILE), port);
        lastStartupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Embedded Apicurio Registry {} (child process pid {}) ready at {} in {} ms{}; data {}",
                EmbeddedVersions.apicurio(), child.pid(), url(), lastStartupTime.toMillis(),
                EmbeddedKafka.rssText(child.residentSetSizeBytes()), dataDir);
        return this;
    }

    /** Clean shutdown. Does nothing if not running. */
    public synchronized void stop() {
        if (child == null) {
            return;
        }
        long started = System.nanoTime();
        ChildJvm stopping = child;
        child = null;
        stopping.stop(STOP_GRACE);
        LOG.info("Embedded Apicurio Registry (pid {}) at {} stopped in {} ms", stopping.pid(), url(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** SIGKILL, as a crash would; returns once the process is gone. */
    public synchronized void kill() {
        if (child == null) {
            return;
        }
        ChildJvm killed = child;
        child = null;
        killed.kill();
        LOG.info("Embedded Apicurio Registry (pid {}) at {} killed", killed.pid(), url());
    }

    @Override
    public void close() {
        stop();
    }

    /** The Confluent-compatible base URL, {@code http://127.0.0.1:<port>/apis/ccompat/v7}; unchanged by restarts. */
    public synchronized String url() {
        return "http://" + Ports.LOOPBACK + ":" + port() + CCOMPAT_PATH;
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the registry has not been started yet, so its port is not chosen yet");
        }
        return port;
    }

    public synchronized boolean isRunning() {
        return child != null && child.isAlive();
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized Optional<Duration> lastStartupTime() {
        return Optional.ofNullable(lastStartupTime);
    }

    /** RSS of the registry process (Linux); empty when not running. */
    public synchronized OptionalLong residentSetSizeBytes() {
        return child == null ? OptionalLong.empty() : child.residentSetSizeBytes();
    }

    @Override
    public String toString() {
        return "EmbeddedSchemaRegistry[" + (port == 0 ? "not started" : url()) + ", " + dataDir + "]";
    }

    /**
     * H2 may write a commit to its file up to WRITE_DELAY (500 ms by default) later. A registry killed in
     * that window would come back without the schema and could hand its id to a different one, while
     * records carrying the old id are already in Kafka. WRITE_DELAY=0 closes the window; registrations
     * are rare, so it costs nothing.
     */
    static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DATABASE_NAME) + ";WRITE_DELAY=0";
    }

    private void awaitReady(ChildJvm starting, long deadlineNanos) {
        CcompatHttp http = new CcompatHttp(url());
        while (System.nanoTime() < deadlineNanos) {
            if (!starting.isAlive()) {
                throw new EmbeddedStartupException("Apicurio Registry (" + runnerJar + ") exited during start-up with code "
                        + starting.exitCode() + "; last lines of " + starting.logFile() + ":" + System.lineSeparator()
                        + starting.logTail(40));
            }
            if (Ports.isListening(port) && http.isReady()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStartupException("interrupted while waiting for the registry", e);
            }
        }
        throw new EmbeddedStartupException("Apicurio Registry was not ready at " + url() + " within "
                + startupTimeout.toSeconds() + " s; last lines of " + starting.logFile() + ":"
                + System.lineSeparator() + starting.logTail(40));
    }

    /** Only on the first start in this directory, recorded by a marker file, so that later changes stick. */
    private void initialiseCompatibilityOnce() {
        Path marker = dataDir.resolve(COMPATIBILITY_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        new CcompatHttp(url()).setGlobalCompatibility(INITIAL_COMPATIBILITY);
        try {
            Files.writeString(marker, INITIAL_COMPATIBILITY + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not write {}; the compatibility will be set again on the next start", marker, e);
        }
        LOG.info("Set the registry's global compatibility to {} (first start in {})", INITIAL_COMPATIBILITY, dataDir);
    }

    /** Configures an {@link EmbeddedSchemaRegistry}. */
    public static final class Builder {
        private final Path dataDir;
        private int port;
        private boolean reusePortFromLastRun;
        private Path runnerJar;
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private Duration startupTimeout = Duration.ofSeconds(90);

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** The HTTP port on 127.0.0.1; 0 (the default) picks a free one on the first start. */
        public Builder port(int port) {
            Ports.validate(port);
            this.port = port;
            return this;
        }

        /** With port 0: come back on the port of the last run on this data directory, if there is one. */
        public Builder reusePortFromLastRun(boolean reuse) {
            this.reusePortFromLastRun = reuse;
            return this;
        }

        /** Use this runner jar instead of looking it up. */
        public Builder runnerJar(Path runnerJar) {
            this.runnerJar = Objects.requireNonNull(runnerJar, "runnerJar");
            return this;
        }

        /** JVM options of the registry process, replacing the defaults (-Xmx256m, serial GC, C1 only). */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        /** How long {@link #start()} waits for the registry to answer (default 90 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public EmbeddedSchemaRegistry build() {
            return new EmbeddedSchemaRegistry(this);
        }
    }
}
