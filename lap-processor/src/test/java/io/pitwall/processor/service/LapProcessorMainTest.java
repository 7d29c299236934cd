package io.pitwall.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LapProcessorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new LapProcessorMain(Map.of()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintEveryOptionForHelpAndExitZero() {
        assertThat(run("--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: lap-processor");
        for (String option : LapProcessorOptions.names()) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("kafka.<property>").contains("TIMING71_MAX_STATES_PER_SECOND");
    }

    @Test
    void shouldExitTwoWithEveryProblemForAnInvalidConfiguration() {
        assertThat(run("--commit.interval=soon", "--num.standby.replicas=many", "--reorder.maxdelay=2s")).isEqualTo(2);

        String problems = err.toString(StandardCharsets.UTF_8);
        assertThat(problems).contains("commit.interval").contains("num.standby.replicas")
                .contains("did you mean reorder.max-delay");
    }
}
