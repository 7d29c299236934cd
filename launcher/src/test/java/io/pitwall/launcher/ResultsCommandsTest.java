package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pitwall results} and {@code export} without a cluster: usage errors, help, an unreachable Kafka. */
class ResultsCommandsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run pitwall(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new picocli.CommandLine(new PitwallCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldSayWhichKafkaItCouldNotReachWithinTheTimeout() {
        long started = System.nanoTime();
        Run run = pitwall("results", "demo", "--format", "csv", "--bootstrap", "127.0.0.1:1",
                "--schema-registry", "http://127.0.0.1:1", "--timeout", "2");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Kafka at 127.0.0.1:1 is not reachable (no answer within 2 s)");
        assertThat((System.nanoTime() - started) / 1e9).as("gave up after its timeout, not Kafka's").isLessThan(30);

        Run export = pitwall("export", "demo", "--format", "timing71-replay", "--bootstrap", "127.0.0.1:1",
                "--schema-registry", "http://127.0.0.1:1", "--timeout", "2", "--output", dir.resolve("x.zip").toString());
        assertThat(export.exit()).isEqualTo(1);
        assertThat(export.err()).contains("Kafka at 127.0.0.1:1 is not reachable");
        assertThat(dir.resolve("x.zip")).doesNotExist();
        assertThat(dir.resolve("x.zip.part")).doesNotExist();
    }

    @Test
    void shouldRefuseUnknownFormatsAndPartsAsUsageErrors() {
        Run format = pitwall("results", "demo", "--format", "xml", "--bootstrap", "127.0.0.1:1",
                "--schema-registry", "http://127.0.0.1:1");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("'xml' (expected csv or json)");

        Run part = pitwall("results", "demo", "--format", "csv", "--what", "podium", "--bootstrap", "127.0.0.1:1",
                "--schema-registry", "http://127.0.0.1:1");
        assertThat(part.exit()).isEqualTo(2);
        assertThat(part.err()).contains("'podium' (expected classification, laps or both)");

        Run export = pitwall("export", "demo", "--format", "csv", "--bootstrap", "127.0.0.1:1",
                "--schema-registry", "http://127.0.0.1:1");
        assertThat(export.exit()).isEqualTo(2);
        assertThat(export.err()).contains("'csv' (expected timing71-replay)");

        Run missing = pitwall("results", "demo");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--format=csv|json'");
    }

    @Test
    void helpShouldDescribeTheOptionsAndExitStatus() {
        Run results = pitwall("results", "--help");
        assertThat(results.exit()).isZero();
        assertThat(results.out()).contains("--session=ID", "--format=csv|json", "--what=PART", "--output=FILE",
                "--timeout=SECONDS", "--bootstrap=HOST:PORT", "--schema-registry=URL", "--data-dir=DIR",
                "Exit status: 0");
        Run export = pitwall("export", "--help");
        assertThat(export.exit()).isZero();
        assertThat(export.out()).contains("--format=timing71-replay", "<description>.zip",
                "Exit status: 0");
        assertThat(pitwall("--help").out()).contains("results", "export");
    }
}
