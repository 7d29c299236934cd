package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pitwall.events.ControlAction;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;

/**
 * Race-control input — everything an operator types that becomes a {@code SessionControl} or {@code SessionConfig} —
 * fuzzed: arbitrary input must end in either a usage error with a message or a record that is valid Avro (it survives
 * a binary round trip) and says what was asked; never in any other exception. The input is UTF-8 text whose first
 * line picks the path, so the seeds are readable:
 * <ul>
 *   <li>{@code session}: the other lines are the arguments of {@code pitwall session}, one per line, through picocli
 *   and {@link RaceControlInput};</li>
 *   <li>anything else: the rest is an event file of {@code pitwall up --config FILE}, through {@link UpConfig}.</li>
 * </ul>
 * One test for both, because Jazzer fuzzes one test per JVM and each fuzzing JVM costs ~30 s of instrumentation.
 * Seeds: {@code src/test/resources/io/pitwall/launcher/OperatorInputFuzzTestInputs/operatorInput/}. Without
 * {@code JAZZER_FUZZ} the seeds run as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class OperatorInputFuzzTest {

    private static final Instant AT = Instant.parse("2026-05-17T13:00:00Z");
    /** picocli resets every option and parameter before each parse, so one instance serves every input. */
    private static final CommandLine SESSION = new CommandLine(new SessionCommand());

    @FuzzTest(maxDuration = "20s")
    void operatorInput(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String path = newline < 0 ? text : text.substring(0, newline);
        String rest = newline < 0 ? "" : text.substring(newline + 1);
        if (path.equals("session")) {
            sessionCommand(rest.split("\n", -1));
        } else {
            eventFile(rest);
        }
    }

    private static void sessionCommand(String[] tokens) throws IOException {
        String[] args = tokens.length > 16 ? Arrays.copyOf(tokens, 16) : tokens;
        try {
            SESSION.parseArgs(args);
        } catch (CommandLine.ParameterException usage) {
            assertThat(usage.getMessage()).isNotBlank();
            return;
        }
        if (SESSION.isUsageHelpRequested() || SESSION.isVersionHelpRequested()) {
            return;
        }
        SessionCommand command = SESSION.getCommand();
        if (command.action.equalsIgnoreCase("show")) {
            return; // reads the configuration, writes nothing
        }
        SessionControl control;
        try {
            control = RaceControlInput.parse(command.venue, command.action, command.args, command.sessionId, AT, "fuzz");
        } catch (IllegalArgumentException usage) {
            assertThat(usage.getMessage()).isNotBlank();
            assertThat(usage.getMessage().chars().noneMatch(Character::isISOControl)).as(usage.getMessage()).isTrue();
            return;
        }
        assertThat(roundTrip(control, SessionControl.class)).isEqualTo(control);
        assertThat(control.getVenueId()).isEqualTo(command.venue).isNotBlank();
        assertThat(control.getSessionId()).isEqualTo(command.sessionId);
        assertThat(RaceControlInput.ACTIONS).contains(command.action.toLowerCase(Locale.ROOT));
        assertThat(control.getFlag() != null).isEqualTo(control.getAction() == ControlAction.FLAG);
        boolean forACar = List.of(ControlAction.RETIREMENT, ControlAction.PENALTY).contains(control.getAction());
        assertThat(control.getCarNumber() != null).isEqualTo(forACar);
        if (forACar) {
            assertThat(control.getCarNumber()).isNotBlank().doesNotContainAnyWhitespaces();
        }
        if (control.getMessage() != null) {
            assertThat(control.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(RaceControlInput.MAX_TEXT + 40);
            assertThat(control.getMessage().chars().noneMatch(Character::isISOControl)).isTrue();
        }
    }

    private static void eventFile(String text) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException malformedEscape) {
            return; // Properties' own "Malformed \\uxxxx encoding.": UpCommand reports it as an invalid file
        }
        UpConfig config;
        try {
            config = UpConfig.parse(properties, "event.properties");
        } catch (IllegalArgumentException problems) {
            assertThat(problems.getMessage()).startsWith("event.properties:");
            return;
        }
        for (SessionConfig session : config.sessions()) {
            assertThat(session.getName()).isNotBlank();
            assertThat(session.getSectorCount()).isBetween(1, 3);
            assertThat(roundTrip(session, SessionConfig.class)).isEqualTo(session);
        }
    }

    private static <T extends SpecificRecord> T roundTrip(T record, Class<T> type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(type).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
