package io.pitwall.processor.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LapProcessorMainTest {

    // initialises Logback with logback-test.xml before LapProcessorMain's static init could point it elsewhere
    private static final Logger MAIN_LOG = (Logger) LoggerFactory.getLogger(LapProcessorMain.class);

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

    @Test
    void shouldLogAFailedStartAndExitOneWhenTheHttpPortIsTaken() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        MAIN_LOG.addAppender(logged);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the HTTP server starts first, so Kafka is never contacted; log.level as logback-test.xml has it
            int status = run("--http.bind.address=127.0.0.1", "--http.port=" + taken.getLocalPort(), "--log.level=INFO");

            assertThat(status).isEqualTo(LapProcessorMain.EXIT_FAILED);
            assertThat(logged.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).isEqualTo("lap-processor failed to start");
                assertThat(event.getThrowableProxy()).isNotNull();
            });
        } finally {
            MAIN_LOG.detachAppender(logged);
        }
    }
}
