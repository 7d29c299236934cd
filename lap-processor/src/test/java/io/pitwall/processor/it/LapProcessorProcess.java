package io.pitwall.processor.it;

import io.pitwall.embedded.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lap-processor service in its own JVM, so that a test can SIGKILL it mid-stream: the only way to stop a
 * Kafka Streams application without any of its shutdown code running (no commit, no flush, no checkpoint, an
 * open transaction left behind), as a crashed pod or a power cut would.
 */
final class LapProcessorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private LapProcessorProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts {@code lap-processor} with these options (plus its HTTP port); output goes to {@code log}. */
    static LapProcessorProcess start(List<String> options, Path log) throws IOException {
        int port = Ports.findFree();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // C1 only: the child starts about twice as fast on a busy 2-core machine, and it runs for seconds
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ChildLapProcessor.class.getName()));
        command.addAll(options);
        command.add("--http.port=" + port);
        command.add("--http.bind.address=127.0.0.1");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new LapProcessorProcess(process, port, log);
    }

    /** Waits until {@code /health/ready} answers 200 (Kafka Streams RUNNING). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("lap-processor exited with " + process.exitValue() + "; see " + log);
            }
            if (get("/health/ready").status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("lap-processor not ready after " + timeout + ": " + get("/health/ready").body()
                + "; see " + log);
    }

    /** A GET on the service's health/metrics port. */
    Answer get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, "(no answer: " + e + ")");
        }
    }

    /** SIGKILL: no shutdown hook, no commit, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful shutdown; returns the exit status. */
    int stop(Duration timeout) throws InterruptedException {
        // through the handle: Process.destroy() also closes the child's stdin, which its watchdog takes for the
        // death of this JVM and halts at once
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("lap-processor did not stop within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** An HTTP answer; status 0 when nothing answered. */
    record Answer(int status, String body) {
    }
}
