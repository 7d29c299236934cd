package io.pitwall.simulator.lapsnapper;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The standalone entry: options to configuration, and the simple passing feed. */
class LapSnapperSimulatorCommandTest {

    private static LapSnapperSimulatorConfig parse(String... args) {
        LapSnapperSimulatorCommand command = new LapSnapperSimulatorCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void optionsBecomeTheSimulatorConfiguration() {
        LapSnapperSimulatorConfig config = parse("--port", "0", "--password", "5, 6,7", "--pin", "9999",
                "--heartbeat-ms", "500", "--clock-offset-ms", "-1500", "--wrong-password", "DISCONNECT");

        assertThat(config.port()).isZero();
        assertThat(config.password()).containsExactly(5, 6, 7);
        assertThat(config.pinCode()).isEqualTo("9999");
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.decoderClockOffset()).isEqualTo(Duration.ofMillis(-1500));
        assertThat(config.wrongPassword()).isEqualTo(LapSnapperSimulatorConfig.WrongPasswordBehaviour.DISCONNECT);
        assertThat(config.toString()).doesNotContain("9999", "5, 6, 7");
    }

    @Test
    void defaultsFollowTheDocument() {
        LapSnapperSimulatorConfig config = parse();

        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.serverVersion()).isEqualTo(520_000);
    }

    @Test
    void aBadPasswordIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("--password", "12,secret"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--password must be comma-separated integers");
    }

    @Test
    void helpListsTheFaultOptions() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new LapSnapperSimulatorCommand()).setOut(new PrintWriter(out));

        assertThat(line.execute("--help")).isZero();
        assertThat(out.toString()).contains("--out-of-order-burst", "--split-writes", "--coalesce", "--rate");
    }

    @Test
    void thePassingFeedSendsEveryCarInTurn() throws Exception {
        try (LapSnapperSimulator simulator = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults().withPort(0)
                .withHeartbeatInterval(Duration.ofSeconds(30)));
             RawClient client = new RawClient(simulator.port())) {
            client.handshake();
            try (PassingFeed feed = PassingFeed.start(simulator, 3, 100)) {
                Set<Integer> transponders = new HashSet<>();
                long lastId = 0;
                for (int i = 0; i < 6; i++) {
                    RawClient.Frame event = client.readSkippingHeartbeats();
                    assertThat(event.id()).isEqualTo(6110);
                    long id = event.json().path("absoluteTime").path("timeStampID").asLong();
                    assertThat(id).isGreaterThan(lastId);
                    lastId = id;
                    transponders.add(event.json().path("transponderID").asInt());
                }
                assertThat(transponders).containsExactlyInAnyOrderElementsOf(List.of(10_001, 10_002, 10_003));
            }
        }
    }
}
