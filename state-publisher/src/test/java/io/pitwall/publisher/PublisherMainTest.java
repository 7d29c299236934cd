package io.pitwall.publisher;

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

/** The publisher's process lifecycle as {@code main} runs it: exit statuses, stderr, the start-up failure log. */
class PublisherMainTest {

    // initialises Logback with logback-test.xml before PublisherMain's static init could point it elsewhere
    private static final Logger MAIN_LOG = (Logger) LoggerFactory.getLogger(PublisherMain.class);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new PublisherMain(env).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheOptionsWithTheirVariablesAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Pitwall state publisher:")
                .contains("kafka.bootstrap").contains("KAFKA_BOOTSTRAP ")
                .contains("http.port").contains("PUBLISHER_HTTP_PORT");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anInvalidConfigurationListsEveryProblemAndExitsTwo() {
        int status = run(Map.of("PUBLISHER_HTTP_PORT", "eighty"), "--idle.timeout=soon", "--htp.port=80");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("state-publisher: Invalid configuration (3 problems):")
                .contains("PUBLISHER_HTTP_PORT").contains("idle.timeout").contains("htp.port");
    }

    @Test
    void aPortInUseIsLoggedAsAFailedStartAndExitsOne() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        MAIN_LOG.addAppender(logged);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket noKafka = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int status = run(Map.of(), "--bind.address=127.0.0.1", "--http.port=" + taken.getLocalPort(),
                    "--t71.port=-1", "--rmonitor.port=-1", "--kafka.bootstrap=127.0.0.1:" + noKafka.getLocalPort());

            assertThat(status).isEqualTo(1);
            assertThat(logged.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).isEqualTo("state-publisher failed to start");
                assertThat(event.getThrowableProxy()).isNotNull();
            });
        } finally {
            MAIN_LOG.detachAppender(logged);
        }
    }
}
