package io.pitwall.ingest.lapsnapper.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderCommandKind;
import io.pitwall.events.DriverTransponder;
import io.pitwall.events.SessionInformation;
import io.pitwall.events.SessionParameters;
import io.pitwall.events.SessionType;
import io.pitwall.events.StartMaticCommand;
import io.pitwall.events.StopKind;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.codec.DriverInformation;
import io.pitwall.ingest.lapsnapper.codec.ExitSession;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.RaceTrackSettings;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.StartSession;
import io.pitwall.ingest.lapsnapper.codec.TransponderKey;
import io.pitwall.ingest.lapsnapper.commands.CommandTranslator.Translation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTranslatorTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    /** The client of the API's trace: product id 1000000, PIN 1234. */
    static final DecoderServer TRACE_CLIENT = new DecoderServer("spa", "127.0.0.1", 9001, List.of(1, 2, 3, 4),
            1_000_000, Optional.of("1234"));

    static byte[] frame(DecoderCommand command) {
        Translation t = CommandTranslator.translate(command, TRACE_CLIENT, 520_000);
        assertThat(t.refusal()).isEmpty();
        return LapSnapperCodec.encode(t.message().orElseThrow());
    }

    @Test
    void stopSessionIsTheTracesByteExactFrame() {
        byte[] expected = HexFormat.of().parseHex("00196a000000"
                + HexFormat.of().formatHex(("{\"messageHeader\":{\"messageID\":6400,\"lapSnapperProductID\":1000000,"
                        + "\"serverVersion\":520000},\"pinCode\":\"1234\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(frame(Commands.command("spa", "c1", DecoderCommandKind.STOP_SESSION, NOW).build()))
                .isEqualTo(expected);
    }

    @Test
    void startSessionReproducesTheTracesFrame() {
        byte[] json = Commands.TRACE_START_SESSION_JSON.getBytes(StandardCharsets.UTF_8);
        assertThat(json.length).isEqualTo(0x233);

        byte[] frame = frame(Commands.traceStartSession("spa", "c2", NOW));

        assertThat(HexFormat.of().formatHex(frame, 0, 6)).isEqualTo("021933020000");
        assertThat(new String(frame, 6, frame.length - 6, StandardCharsets.UTF_8))
                .isEqualTo(Commands.TRACE_START_SESSION_JSON);
    }

    @Test
    void sessionTypeAndStopRuleUseTheApiCodes() {
        DecoderCommand race = Commands.command("spa", "c3", DecoderCommandKind.START_SESSION, NOW)
                .setSessionParameters(SessionParameters.newBuilder().setSessionType(SessionType.RACE)
                        .setTriggerLineCount(3).setStartLine(2).setStopKind(StopKind.LAPS).setStopValue(25).build())
                .setTrackSettings(Commands.traceStartSession("spa", "x", NOW).getTrackSettings())
                .build();

        StartSession message = (StartSession) CommandTranslator.translate(race, TRACE_CLIENT, 520_000)
                .message().orElseThrow();

        assertThat(message.sessionParameters()).isEqualTo(new io.pitwall.ingest.lapsnapper.codec.SessionParameters(
                2, 3, 2, 3, 25, false, false, false, true));
        assertThat(message.header()).isEqualTo(new MessageHeader(1_000_000, 520_000));
    }

    @Test
    void theOtherCommandsMapFieldForField() {
        StartMaticStatus startMatic = (StartMaticStatus) CommandTranslator.translate(
                Commands.command("spa", "c4", DecoderCommandKind.STARTMATIC, NOW)
                        .setStartMatic(StartMaticCommand.newBuilder().setStatus(1).setData(60).setData2(1).build())
                        .build(), TRACE_CLIENT, 520_000).message().orElseThrow();
        assertThat(startMatic.pinCode()).isEqualTo("1234");
        assertThat(List.of(startMatic.startMaticStatus(), (int) startMatic.startMaticData(),
                (int) startMatic.startMaticData2())).containsExactly(1, 60, 1);

        var info = (io.pitwall.ingest.lapsnapper.codec.SessionInformation) CommandTranslator.translate(
                Commands.command("spa", "c5", DecoderCommandKind.SESSION_INFORMATION, NOW)
                        .setSessionInformation(SessionInformation.newBuilder().setSessionName("Heat 1")
                                .setAllTranspondersActive(false)
                                .setDrivers(List.of(DriverTransponder.newBuilder().setDriverNumber(7)
                                        .setDriverName("Mark").setTransponderId(10003).setTransponderInstance(2)
                                        .setTransponderEnabled(true).build()))
                                .build())
                        .build(), TRACE_CLIENT, 520_000).message().orElseThrow();
        assertThat(info.sessionName()).isEqualTo("Heat 1");
        assertThat(info.allTranspondersActive()).isFalse();
        assertThat(info.driverInformation()).containsExactly(
                new DriverInformation(7, "Mark", new TransponderKey(10003, 2), true));

        var track = (RaceTrackSettings) CommandTranslator.translate(
                Commands.command("spa", "c6", DecoderCommandKind.TRACK_SETTINGS, NOW)
                        .setTrackSettings(Commands.traceStartSession("spa", "x", NOW).getTrackSettings()).build(),
                TRACE_CLIENT, 520_000).message().orElseThrow();
        assertThat(track.trackSettings().maximumLapTime()).isEqualTo(240_000);
        assertThat(track.trackSettings().minimumLapTime()).isEqualTo(15_000);

        assertThat(CommandTranslator.translate(Commands.command("spa", "c7", DecoderCommandKind.EXIT_SESSION, NOW)
                .build(), TRACE_CLIENT, 520_000).message().orElseThrow()).isInstanceOf(ExitSession.class);
    }

    @Test
    void whatTheMessageCannotCarryIsRefusedWithAReason() {
        DecoderServer noPin = new DecoderServer("spa", "h", 9001, List.of(1), 1_000_001, Optional.empty());
        assertThat(CommandTranslator.translate(Commands.command("spa", "r1", DecoderCommandKind.STOP_SESSION, NOW)
                .build(), noPin, 520_000).refusal()).contains("no remote-control PIN");

        assertThat(CommandTranslator.translate(Commands.command("spa", "r2", DecoderCommandKind.START_SESSION, NOW)
                .build(), TRACE_CLIENT, 520_000).refusal()).contains("needs sessionParameters and trackSettings");

        DecoderCommand fourSectors = DecoderCommand.newBuilder(Commands.traceStartSession("spa", "r3", NOW))
                .setSessionParameters(SessionParameters.newBuilder().setSessionType(SessionType.RACE)
                        .setTriggerLineCount(4).setStopKind(StopKind.MANUAL).build())
                .build();
        Translation refused = CommandTranslator.translate(fourSectors, TRACE_CLIENT, 520_000);
        assertThat(refused.message()).isEmpty();
        assertThat(refused.refusal()).isEqualTo("sessionParameters.triggerLineCount is 4, LapSnapper takes 1 to 3");

        assertThat(CommandTranslator.translate(Commands.command("spa", "r4", DecoderCommandKind.STARTMATIC, NOW)
                .setStartMatic(StartMaticCommand.newBuilder().setStatus(9).build()).build(), TRACE_CLIENT, 520_000)
                .refusal()).contains("startMatic.status is 9");
    }
}
