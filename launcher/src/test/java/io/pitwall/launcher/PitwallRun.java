package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real {@code ./pitwall} script running a long-lived command, and the lines it printed on stdout. */
record PitwallRun(Process process, List<String> lines) {

    static final Path ROOT = Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("..").normalize();

    /** Starts {@code ./pitwall args...} and waits (up to {@code ready}) for its SCHEMA_REGISTRY_URL= line. */
    static PitwallRun start(Duration ready, List<Process> started, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("pitwall").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PITWALL_SKIP_BUILD", "1"); // Maven has just packaged the launcher
        builder.environment().remove("KAFKA_BOOTSTRAP");
        builder.environment().remove("SCHEMA_REGISTRY_URL");
        builder.environment().remove("PITWALL_CONFIG");
        Process process = builder.start();
        started.add(process);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("pitwall " + args[0] + " ready lines").atMost(ready)
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("SCHEMA_REGISTRY_URL=")) || !process.isAlive());
        assertThat(process.isAlive()).as("pitwall %s is running (its stderr is in the test output)", args[0]).isTrue();
        return new PitwallRun(process, lines);
    }

    /** The value of the {@code PREFIX=value} line. */
    String value(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in " + lines))
                .substring(prefix.length());
    }
}
