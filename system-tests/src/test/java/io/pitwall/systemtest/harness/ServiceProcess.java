package io.pitwall.systemtest.harness;

import io.pitwall.embedded.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Pitwall service as a child JVM started from its real {@code main} with the options a deployment gives it,
 * on this test JVM's class path. It can be SIGKILLed, SIGTERMed and started again with the same options (same
 * ports, same state directory); every run appends to one log file.
 *
 * <p>Made by {@link Services}; options may be added until the first {@link #start()}.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Heap, GC and JIT of a test's child. C1 only: a child starts about twice as fast on a busy 2-core machine, and
     * runs for a minute or two. {@link #jvmOptions} replaces these.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /** What every child needs whatever its tuning: the harness's logging, the Avro packages it may deserialize. */
    private static final List<String> REQUIRED_JVM_OPTIONS = List.of("-Dlogback.configurationFile=child-logback.xml",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=java.lang,java.math,java.io,java.net,org.apache.avro.reflect,io.pitwall");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String mainClass;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final int httpPort;
    private final Path dir;
    private final Path log;
    private final List<String> readinessChecks = new ArrayList<>();
    private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
    private ChildJvm child;
    private int starts;

    ServiceProcess(String name, String mainClass, int httpPort, Path dir) {
        this.name = name;
        this.mainClass = mainClass;
        this.httpPort = httpPort;
        this.dir = dir;
        this.log = dir.resolve(name + ".log");
    }

    /** Adds or replaces {@code --key=value}; only before the first start (a restart keeps the options). */
    public ServiceProcess option(String key, String value) {
        if (starts > 0) {
            throw new IllegalStateException(name + " already started: options are fixed for every run");
        }
        options.put(key, value);
        return this;
    }

    /**
     * Replaces the heap/GC/JIT options ({@link #DEFAULT_JVM_OPTIONS}), e.g. with a deployment's for a benchmark;
     * the logging configuration and Avro trust are kept. Only before the first start.
     */
    public ServiceProcess jvmOptions(List<String> options) {
        if (starts > 0) {
            throw new IllegalStateException(name + " already started: JVM options are fixed for every run");
        }
        jvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * Readiness checks that must be listed UP in the {@code /health/ready} body too: ingest-core's health server
     * answers 200 while no check is registered yet, early in start-up (see the module README).
     */
    ServiceProcess requireReadinessChecks(String... names) {
        readinessChecks.addAll(List.of(names));
        return this;
    }

    /** Removes {@code --key} (e.g. a default {@link Services} set); only before the first start. */
    public ServiceProcess withoutOption(String key) {
        if (starts > 0) {
            throw new IllegalStateException(name + " already started: options are fixed for every run");
        }
        options.remove(key);
        return this;
    }

    public String name() {
        return name;
    }

    /** The health/metrics HTTP port (the publisher's HTTP port: page, REST, {@code /t71/{uuid}}). */
    public int httpPort() {
        return httpPort;
    }

    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    /** Starts the child and returns once {@code /health/ready} answers 200. */
    public ServiceProcess start() {
        return startAsync().awaitReady(Duration.ofSeconds(120));
    }

    /** Starts the child and returns at once; see {@link #awaitReady}. */
    public synchronized ServiceProcess startAsync() {
        if (child != null && child.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + child.pid() + ")");
        }
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> args.add("--" + k + "=" + v));
        starts++;
        child = ChildJvm.builder(name)
                .mainClass(System.getProperty("java.class.path"), mainClass)
                .jvmOptions(jvmOptions)
                .jvmOptions(REQUIRED_JVM_OPTIONS)
                .parentWatchdog(dir)
                .arguments(args)
                .workingDirectory(dir)
                .logFile(log)
                .start();
        return this;
    }

    /**
     * Waits until {@code /health/ready} answers 200 and lists this service's own readiness checks UP; fails at
     * once, with the log's tail, if the child exits.
     */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = new Answer(0, "(not asked yet)");
        while (System.nanoTime() < deadline) {
            ChildJvm running = child;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + (running == null ? "?" : running.exitCode())
                        + " before it was ready; last lines of " + log + ":\n" + logTail(40));
            }
            last = get("/health/ready");
            if (last.status() == 200 && listsEveryCheckUp(last.body())) {
                return this;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ": " + last + "; last lines of " + log
                + ":\n" + logTail(40));
    }

    private boolean listsEveryCheckUp(String body) {
        String compact = body.replace(" ", "");
        return readinessChecks.stream().allMatch(check -> compact.contains("\"" + check + "\":{\"status\":\"UP\""));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. Returns once the process is gone. */
    public synchronized void kill() {
        if (child != null) {
            child.kill();
        }
    }

    /** SIGTERM, the graceful stop of an orchestrator. Returns the exit status (143 after a clean shutdown). */
    public synchronized int terminate(Duration timeout) {
        return child == null ? -1 : child.terminate(timeout);
    }

    /** SIGKILL, then start again with the same options, ports and state directory; waits until ready. */
    public ServiceProcess killAndRestart() {
        kill();
        return start();
    }

    public synchronized boolean isAlive() {
        return child != null && child.isAlive();
    }

    public synchronized long pid() {
        return child == null ? -1 : child.pid();
    }

    /** A GET on the service's HTTP port; status 0 when nothing answered. */
    public Answer get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, "(no answer: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "(interrupted)");
        }
    }

    /** The Prometheus scrape. */
    public String metrics() {
        return get("/metrics").body();
    }

    /**
     * The value of one Prometheus series, e.g. {@code metric("pitwall_ingest_received_total", "venue=\"spa\"")}:
     * the sum over every series of that name whose labels contain all the given fragments; empty if none.
     */
    public Optional<Double> metric(String name, String... labelFragments) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String fragment : labelFragments) {
                all &= labels.contains(fragment);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }

    public Path logFile() {
        return log;
    }

    /** Everything every run of this service wrote so far. */
    public String log() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** How often this service was started. */
    public int starts() {
        return starts;
    }

    /** SIGTERM with a short grace (SIGKILL after it); for test clean-up. */
    @Override
    public synchronized void close() {
        if (child != null && child.isAlive()) {
            child.terminate(Duration.ofSeconds(20));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTP answer; status 0 when nothing answered. */
    public record Answer(int status, String body) {
    }
}
