package io.pitwall.simulator.smartrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SmartraceSensorCommandTest {

    @Test
    void helpDescribesTheOptions() {
        StringWriter out = new StringWriter();
        int status = new CommandLine(new SmartraceSensorCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("--url", "--style", "--controllers", "--counter-bits", "--flpl", "--spaced");
    }

    @Test
    void refusesNonsenseBeforeConnecting() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new SmartraceSensorCommand()).setErr(new PrintWriter(err))
                .execute("--url", "ws://127.0.0.1:1/", "--controllers", "0");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--controllers");
    }
}
