package io.pitwall.processor.timing71;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import io.pitwall.processor.timing.TimingSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Timing71ServiceTest {

    private static final Instant T0 = Instant.parse("2026-05-17T13:00:00Z");

    private TimingSession session;
    private Timing71Service service;
    private long sequence;

    @BeforeEach
    void setUp() {
        List<Entry> entries = List.of(
                Entry.newBuilder().setCarNumber("7").setClassName("LMP2").setTeam("Toyota").setDrivers(List.of("KOBAYASHI, Kamui"))
                        .setCar("GR010").setTransponders(List.of("tx7")).build(),
                Entry.newBuilder().setCarNumber("8").setClassName("LMP2").setDrivers(List.of("NAKAJIMA, Kazuki"))
                        .setTransponders(List.of("tx8")).build(),
                Entry.newBuilder().setCarNumber("99").setClassName("GT3").setTransponders(List.of("tx99")).build());
        SessionConfig config = SessionConfig.newBuilder().setVenueId("v").setSessionId("s").setName("Club Race")
                .setDescription("Race 1").setType(SessionType.RACE).setSectorCount(1)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.LAPS).setValue(20).build())
                .setTrackSettings(TrackSettings.newBuilder().setMinimumLapTimeEnabled(true).setMinimumLapTimeMillis(30_000).build())
                .setEntries(entries).setUpdatedAt(T0).build();
        session = new TimingSession(config);
        service = new Timing71Service();
    }

    @Test
    void shouldRenderCellsAndGaps() {
        pass("7", 0, LineKind.FINISH);
        pass("8", 1, LineKind.FINISH);
        pass("7", 92.8209, LineKind.FINISH);
        pass("8", 95, LineKind.FINISH);
        pass("7", 184, LineKind.FINISH);

        ObjectNode state = render(186);

        JsonNode leader = state.get("cars").get(0);
        assertThat(leader.toString()).isEqualTo(
                "[\"7\",\"RUN\",\"LMP2\",1,\"Toyota\",\"KOBAYASHI, Kamui\",\"GR010\",2,\"\",\"\","
                        + "[91.179,\"sb-new\"],[91.179,\"sb\"],1]".replace(",1]", ",0]"));
        JsonNode second = state.get("cars").get(1);
        assertThat(second.get(8).decimalValue()).as("gap: #8 crossed lap 1 2.179 s after #7")
                .isEqualByComparingTo("2.179");
        assertThat(second.get(8).toString()).isEqualTo("2.179");
        assertThat(state.get("cars").get(2).toString())
                .isEqualTo("[\"99\",\"N/S\",\"GT3\",1,\"\",\"\",\"\",0,\"\",\"\",[\"\",\"\"],[\"\",\"\"],0]");
        assertThat(state.get("session").get("lapsRemain").asInt()).isEqualTo(18);
        assertThat(state.get("lastUpdated").asLong()).isEqualTo(T0.plusSeconds(186).toEpochMilli());
    }

    @Test
    void shouldShowLapsDownAsText() {
        pass("7", 0, LineKind.FINISH);
        pass("8", 1, LineKind.FINISH);
        pass("7", 90, LineKind.FINISH);
        pass("7", 180, LineKind.FINISH);
        pass("8", 190, LineKind.FINISH);
        pass("7", 270, LineKind.FINISH);
        pass("7", 360, LineKind.FINISH);

        assertThat(render(361).get("cars").get(1).get(8).asText()).isEqualTo("3 laps");
    }

    @Test
    void shouldWritePitMessagesWithTiming71TextsAndHighlightTheCar() {
        pass("7", 0, LineKind.FINISH);
        render(1);
        pass("7", 85, LineKind.PIT_IN);
        ObjectNode in = render(86);
        pass("7", 120, LineKind.PIT_OUT);
        ObjectNode out = render(121);

        assertThat(in.get("messages").get(0).toString()).isEqualTo("[" + T0.plusSeconds(86).toEpochMilli()
                + ",\"LMP2\",\"#7 (KOBAYASHI, Kamui) has entered the pits\",\"pit\",\"7\"]");
        assertThat(in.get("highlight").toString()).isEqualTo("[\"7\"]");
        assertThat(out.get("messages").get(0).get(2).asText()).isEqualTo("#7 (KOBAYASHI, Kamui) has left the pits");
        assertThat(out.get("messages").get(0).get(3).asText()).isEqualTo("out");
        assertThat(out.get("messages").get(1).get(2).asText()).as("newest first").contains("entered the pits");
    }

    @Test
    void shouldAnnouncePersonalAndOverallBests() {
        pass("7", 0, LineKind.FINISH);
        pass("8", 1, LineKind.FINISH);
        pass("7", 92.82, LineKind.FINISH);
        render(95);
        pass("8", 93.5, LineKind.FINISH); // 92.500: overall best
        ObjectNode afterSb = render(96);
        pass("7", 185.42, LineKind.FINISH); // 92.600: personal best only
        ObjectNode afterPb = render(186);

        assertThat(afterSb.get("messages").get(0).get(2).asText())
                .isEqualTo("#8 (NAKAJIMA, Kazuki) set a new overall best (1:32.500)");
        assertThat(afterSb.get("messages").get(0).get(3).asText()).isEqualTo("sb");
        assertThat(afterPb.get("messages").get(0).get(2).asText())
                .isEqualTo("#7 (KOBAYASHI, Kamui) set a new personal best (1:32.600)");
        assertThat(afterPb.get("messages").get(0).get(3).asText()).isEqualTo("pb");
    }

    @Test
    void shouldWriteFlagMessagesInCategoryTrack() {
        render(0);
        control(ControlAction.FLAG, 10, Flag.SC);
        ObjectNode state = render(11);

        assertThat(state.get("session").get("flagState").asText()).isEqualTo("sc");
        assertThat(state.get("messages").get(0).toString())
                .isEqualTo("[" + T0.plusSeconds(11).toEpochMilli() + ",\"Track\",\"Safety car deployed\",\"yellow\"]");
    }

    @Test
    void shouldAnnounceALapCorrectedByALatePassing() {
        pass("7", 0, LineKind.FINISH);
        Passing missed = passing("7", 92, LineKind.FINISH);
        pass("7", 184, LineKind.FINISH);
        render(185);
        service.onLapChanges(session.addPassing(missed).changes());

        ObjectNode state = render(186);

        assertThat(state.get("messages").toString()).contains("Lap 1 of #7 corrected: 1:32.000 (was 3:04.000)");
        assertThat(state.get("cars").get(0).get(7).asInt()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheNewestHundredMessages() {
        render(0);
        for (int i = 0; i < 60; i++) {
            control(ControlAction.FLAG, 1 + 2 * i, Flag.YELLOW);
            render(1 + 2 * i);
            control(ControlAction.FLAG, 2 + 2 * i, Flag.GREEN);
            render(2 + 2 * i);
        }
        ObjectNode state = render(200);

        assertThat(state.get("messages")).hasSize(Timing71Service.MAX_MESSAGES);
        assertThat(state.get("messages").get(0).get(2).asText()).isEqualTo("Green flag - track clear");
    }

    @Test
    void shouldKeepTheServiceUuidStablePerSession() {
        assertThat(ServiceIds.serviceUuid("v", "s")).isEqualTo(ServiceIds.serviceUuid("v", "s"))
                .isNotEqualTo(ServiceIds.serviceUuid("v", "s2")).matches("[0-9a-f]{32}");
    }

    @Test
    void shouldFormatTimesLikeTiming71() {
        assertThat(TimeFormat.text(92_820_000)).isEqualTo("1:32.820");
        assertThat(TimeFormat.text(59_123_999)).isEqualTo("59.123");
        assertThat(TimeFormat.text(605_004_000)).isEqualTo("10:05.004");
        assertThat(TimeFormat.seconds(2_000_000).toString()).isEqualTo("2.000");
    }

    private ObjectNode render(double seconds) {
        return service.render(session.snapshot(T0.plusMillis(Math.round(seconds * 1000))));
    }

    private void pass(String car, double seconds, LineKind line) {
        service.onLapChanges(session.addPassing(passing(car, seconds, line)).changes());
    }

    private Passing passing(String car, double seconds, LineKind line) {
        Instant time = T0.plusNanos(Math.round(seconds * 1e6) * 1000);
        return Passing.newBuilder().setVenueId("v").setSource(Source.MANUAL).setStreamId(line.name())
                .setSequence(++sequence).setTransponder("tx" + car).setPassingTime(time).setLine(line)
                .setReceivedAt(time).build();
    }

    private void control(ControlAction action, double seconds, Flag flag) {
        SessionControl control = SessionControl.newBuilder().setVenueId("v").setAction(action).setFlag(flag)
                .setAt(T0.plusMillis(Math.round(seconds * 1000))).build();
        service.onLapChanges(session.addControl(control).changes());
        service.onControl(control);
    }

    @SuppressWarnings("unused")
    private static List<String> texts(ObjectNode state) {
        List<String> texts = new ArrayList<>();
        state.get("messages").forEach(m -> texts.add(m.get(2).asText()));
        return texts;
    }
}
