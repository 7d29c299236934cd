package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Child JVMs never outlive their parent, and a clean stop is clean. */
class ChildJvmIT {

    @TempDir
    Path dir;

    @Test
    void aCleanStopEndsTheChildThroughItsWatchdog() {
        ChildJvm child = ChildJvm.builder("sleeper")
                .mainClass(System.getProperty("java.class.path"), SleepForever.class.getName())
                .jvmOptions(List.of("-Xmx32m"))
                .logFile(dir.resolve("sleeper.log"))
                .watchdogAgentJar(WatchdogJar.writeInto(dir))
                .start();
        assertThat(child.isAlive()).isTrue();

        boolean graceful = child.stop(Duration.ofSeconds(10));

        assertThat(graceful).as("exited on stdin EOF, without SIGTERM or SIGKILL").isTrue();
        assertThat(child.exitCode()).isZero();
        assertThat(child.logTail(5)).contains("parent closed stdin");
    }

    @Test
    void aChildExitsWhenItsParentIsSigkilled() throws Exception {
        Process parent = new ProcessBuilder(ChildJvm.Builder.javaExecutable().toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("CHILD "));
            assertThat(line).as("parent printed its child's pid").isNotNull();
            childPid = Long.parseLong(line.substring("CHILD ".length()).trim());
            Optional<ProcessHandle> child = ProcessHandle.of(childPid);
            assertThat(child).isPresent();
            assertThat(child.get().isAlive()).isTrue();

            parent.destroyForcibly().waitFor();

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (child.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            boolean orphanAlive = child.get().isAlive();
            if (orphanAlive) {
                child.get().destroyForcibly();
            }
            assertThat(orphanAlive).as("child %d outlived its SIGKILLed parent", childPid).isFalse();
        } finally {
            parent.destroyForcibly();
        }
        assertThat(Files.readString(dir.resolve("sleeper.log"))).contains("parent closed stdin or exited");
    }
}
