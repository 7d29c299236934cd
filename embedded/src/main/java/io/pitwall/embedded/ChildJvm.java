package io.pitwall.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child Java process started by Pitwall: its stdout and stderr go to a log file, and it cannot
 * outlive this JVM. Three things see to the latter: the {@code ParentWatchdogAgent} in the child exits
 * when its stdin reaches end-of-file (which happens even when this JVM is SIGKILLed), a shutdown hook
 * here stops every child still running on a normal exit, and {@link #kill()} is a real SIGKILL for
 * fault-injection tests.
 *
 * <p>Public so that other modules' tests (system tests: every service as a child JVM) launch children the
 * same way:
 * <pre>{@code
 * ChildJvm child = ChildJvm.builder("lap-processor")
 *         .mainClass(System.getProperty("java.class.path"), "io.pitwall.processor.service.LapProcessorMain")
 *         .jvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
 *         .parentWatchdog(dir)          // the child exits when this JVM goes away
 *         .arguments(List.of("--http.port=0"))
 *         .logFile(dir.resolve("lap-processor.log"))
 *         .start();
 * child.terminate(Duration.ofSeconds(30));   // SIGTERM, or child.kill() for SIGKILL
 * }</pre>
 */
public final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Set<ChildJvm> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration SHUTDOWN_HOOK_GRACE = Duration.ofSeconds(15);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::stopAllOnExit, "pitwall-child-jvm-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The exit code, or -1 while the process still runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * Stops the child cleanly: closes its stdin so the watchdog runs its shutdown hooks, then escalates
     * to SIGTERM and finally SIGKILL if it is still there after {@code grace}.
     *
     * @return true when the child exited within the grace period without being forced
     */
    public boolean stop(Duration grace) {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            return true;
        }
        try {
            closeStdin();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} (pid {}) did not stop within {} s; sending SIGTERM", name, pid(), grace.toSeconds());
            process.destroy();
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return false;
            }
            LOG.warn("{} (pid {}) ignored SIGTERM; killing it", name, pid());
            kill();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return false;
        }
    }

    /**
     * SIGTERM (on POSIX), as an orchestrator stops a service: the child runs its shutdown hooks. Its stdin stays
     * open, so the watchdog does not step in. Escalates to SIGKILL after {@code grace}.
     *
     * @return the exit code (143 = 128 + SIGTERM for a JVM that ran its hooks), or -1 if it had to be killed
     */
    public int terminate(Duration grace) {
        RUNNING.remove(this);
        // through the handle: Process.destroy() would also close stdin, and the watchdog would then exit with 0
        process.toHandle().destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            LOG.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", name, pid(), grace.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return -1;
    }

    /** Waits up to {@code timeout} for the child to exit by itself; true if it did. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    /** SIGKILL (on POSIX), waiting until the process is gone so that its ports and locks are released. */
    public void kill() {
        RUNNING.remove(this);
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("{} (pid {}) still alive 10 s after SIGKILL", name, pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident set size of the child, from /proc; empty where that is not available. */
    public OptionalLong residentSetSizeBytes() {
        return residentSetSizeBytes(pid());
    }

    static OptionalLong residentSetSizeBytes(long pid) {
        Path status = Paths.get("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kib) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** The last lines of the child's log, for error messages. */
    public String logTail(int maxLines) {
        return tail(logFile, maxLines);
    }

    static String tail(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[window];
            raf.seek(length - window);
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, lines.length - maxLines);
            return String.join(System.lineSeparator(), List.of(lines).subList(from, lines.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private void closeStdin() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException e) {
            // already closed: nothing to do
        }
    }

    private static void stopAllOnExit() {
        List<ChildJvm> children = new ArrayList<>(RUNNING);
        children.forEach(ChildJvm::closeStdin);
        Instant deadline = Instant.now().plus(SHUTDOWN_HOOK_GRACE);
        for (ChildJvm child : children) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!child.process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    child.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.process.destroyForcibly();
            }
        }
    }

    /** Builds the {@code java} command line of a child JVM. */
    public static final class Builder {
        private final String name;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private String classpath;
        private String mainClass;
        private Path executableJar;
        private Path workingDirectory;
        private Path logFile;
        private Path watchdogAgentJar;

        private Builder(String name) {
            this.name = name;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder mainClass(String classpath, String mainClass) {
            this.classpath = classpath;
            this.mainClass = mainClass;
            this.executableJar = null;
            return this;
        }

        public Builder executableJar(Path jar) {
            this.executableJar = jar;
            this.classpath = null;
            this.mainClass = null;
            return this;
        }

        public Builder arguments(List<String> args) {
            arguments.addAll(args);
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        public Builder watchdogAgentJar(Path jar) {
            this.watchdogAgentJar = jar;
            return this;
        }

        /**
         * Loads the parent watchdog agent (written into {@code directory}) so the child exits when this JVM
         * closes its stdin or dies in any way.
         */
        public Builder parentWatchdog(Path directory) {
            return watchdogAgentJar(WatchdogJar.writeInto(directory));
        }

        public List<String> command() {
            if (mainClass == null && executableJar == null) {
                throw new IllegalStateException("a child JVM needs a main class or an executable jar");
            }
            List<String> command = new ArrayList<>();
            command.add(javaExecutable().toString());
            command.addAll(jvmOptions);
            if (watchdogAgentJar != null) {
                command.add("-javaagent:" + watchdogAgentJar.toAbsolutePath());
            }
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            if (executableJar != null) {
                command.add("-jar");
                command.add(executableJar.toAbsolutePath().toString());
            } else {
                command.add("-cp");
                command.add(classpath);
                command.add(mainClass);
            }
            command.addAll(arguments);
            return command;
        }

        public ChildJvm start() {
            if (logFile == null) {
                throw new IllegalStateException("a child JVM needs a log file");
            }
            List<String> command = command();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // stdin stays a pipe: the watchdog agent in the child watches it
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.environment().putAll(environment);
            try {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                Files.writeString(logFile, System.lineSeparator() + "=== " + Instant.now() + " starting " + name
                                + ": " + String.join(" ", abbreviateClasspath(command)) + System.lineSeparator(),
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                ChildJvm child = new ChildJvm(name, builder.start(), logFile);
                RUNNING.add(child);
                LOG.debug("started {} as pid {}: {}", name, child.pid(), command);
                return child;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + name + " with " + command, e);
            }
        }

        private static List<String> abbreviateClasspath(List<String> command) {
            List<String> shown = new ArrayList<>(command);
            int cp = shown.indexOf("-cp");
            if (cp >= 0 && cp + 1 < shown.size() && shown.get(cp + 1).length() > 200) {
                shown.set(cp + 1, "<" + shown.get(cp + 1).split(java.io.File.pathSeparator).length + " classpath entries>");
            }
            return shown;
        }

        public static Path javaExecutable() {
            Path bin = Paths.get(System.getProperty("java.home"), "bin");
            Path java = bin.resolve("java");
            return Files.isExecutable(java) ? java : bin.resolve("java.exe");
        }
    }
}
