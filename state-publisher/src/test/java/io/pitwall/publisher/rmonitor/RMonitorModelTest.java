package io.pitwall.publisher.rmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RMonitorModelTest {

    private static final Instant NOW = Instant.parse("2021-10-24T16:00:33.250Z");
    private final DocumentParser parser = new DocumentParser(Fixtures.MAPPER);
    private final ObjectNode manifest = Fixtures.manifest(Fixtures.ELMS);
    private final ObjectNode state = Fixtures.state(Fixtures.ELMS);

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private RMonitorModel model(Instant now) {
        return new RMonitorModel(Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private ServiceSnapshot snapshot(JsonNode stateJson) throws Exception {
        Document m = parser.parse(DocumentKind.MANIFEST, Fixtures.bytes(manifest), 0, 0);
        Document s = parser.parse(DocumentKind.STATE, Fixtures.bytes(stateJson), 0, 0);
        return new ServiceSnapshot(manifest.path("uuid").asText(), m, s, null);
    }

    private static List<String> ofType(List<String> records, String type) {
        return records.stream().filter(r -> RMonitorLayouts.type(r).equals(type)).collect(Collectors.toList());
    }

    @Test
    void aReceiverThatConnectsMidSessionGetsTheWholePictureInProtocolOrder() throws Exception {
        RMonitorModel model = model(NOW);
        List<String> records = model.reset(snapshot(state));

        assertThat(records).allSatisfy(r -> assertThat(RMonitorLayouts.valid(r)).as(r).isTrue());
        assertThat(records.get(0)).isEqualTo("$I,\"16:00:33\",\"24 Oct 21\"");
        List<String> types = records.stream().map(RMonitorLayouts::type).distinct().collect(Collectors.toList());
        assertThat(types).containsExactly("$I", "$A", "$COMP", "$B", "$C", "$G", "$H", "$F");

        assertThat(ofType(records, "$A")).hasSize(40);
        assertThat(ofType(records, "$COMP")).hasSize(40);
        assertThat(ofType(records, "$C")).extracting(r -> RMonitorLayouts.fields(r)[2])
                .containsExactly("LMP2", "LMP2 P/A", "LMP3", "LMGTE");
        assertThat(ofType(records, "$B")).singleElement().satisfies(b ->
                assertThat(b).endsWith(",\"European Le Mans Series - 4 Hours of Portimão - Race\""));
        // the leader of the recording, #22 GAMBLE, Tom (United Autosports), LMP2
        assertThat(records).contains("$A,\"22\",\"22\",0,\"Tom\",\"GAMBLE\",\"\",1");
        assertThat(records).contains("$COMP,\"22\",\"22\",1,\"Tom\",\"GAMBLE\",\"\",\"United Autosports\"");
        assertThat(ofType(records, "$G").get(0)).startsWith("$G,1,\"22\",130,");
        assertThat(ofType(records, "$G")).hasSize(40);
        // best lap ranking: #37 set 1:32.212, the fastest lap of the race
        assertThat(ofType(records, "$H").get(0)).startsWith("$H,1,\"37\",").endsWith(",\"00:01:32.212\"");
        assertThat(records.get(records.size() - 1)).isEqualTo(
                "$F,9999,\"00:00:00\",\"16:00:33\",\"04:09:52\",\"Finish\"");
    }

    @Test
    void aCompletedLapIsACrossingAndUpdatedPositions() throws Exception {
        RMonitorModel model = model(NOW);
        ObjectNode running = Fixtures.withFlag(state, "green");
        model.reset(snapshot(running));
        ObjectNode next = Fixtures.withLap(Fixtures.advanced(running, 95.0, 0), manifest, "41", 94.321);
        // #41 now leads: swap the first two rows
        JsonNode first = next.path("cars").get(0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) next.path("cars")).set(0, next.path("cars").get(1));
        ((com.fasterxml.jackson.databind.node.ArrayNode) next.path("cars")).set(1, first);

        List<String> diff = model.update(snapshot(next));
        assertThat(diff).allSatisfy(r -> assertThat(RMonitorLayouts.valid(r)).as(r).isTrue());
        assertThat(ofType(diff, "$J")).containsExactly("$J,\"41\",\"00:01:34.321\",\"04:11:27.193\"");
        assertThat(ofType(diff, "$G")).containsExactlyInAnyOrder(
                "$G,1,\"41\",131,\"04:11:27.193\"",
                "$G,2,\"22\",130,\"04:09:52.193\"");
        assertThat(ofType(diff, "$A")).as("nothing about the competitors changed").isEmpty();
        assertThat(ofType(diff, "$F")).as("the flag did not change").isEmpty();
    }

    @Test
    void aFlagChangeIsSentAtOnceAndTheClockRunsBetweenStates() throws Exception {
        ObjectNode green = Fixtures.withFlag(state, "green");
        green.put("lastUpdated", NOW.toEpochMilli());
        ((ObjectNode) green.path("session")).put("timeElapsed", 3600.0).put("timeRemain", 600.5);
        RMonitorModel model = model(NOW);
        model.reset(snapshot(green));
        List<String> diff = model.update(snapshot(Fixtures.withFlag(green, "sc")));
        assertThat(ofType(diff, "$F")).containsExactly("$F,9999,\"00:10:00\",\"16:00:33\",\"01:00:00\",\"Yellow\"");

        MutableClock clock = new MutableClock(NOW);
        RMonitorModel later = new RMonitorModel(clock, ZoneOffset.UTC);
        later.reset(snapshot(green));
        clock.now = NOW.plusSeconds(30);
        assertThat(later.heartbeat()).isEqualTo("$F,9999,\"00:09:30\",\"16:01:03\",\"01:00:30\",\"Green \"");
        ObjectNode red = Fixtures.withFlag(green, "red");
        later.update(snapshot(red));
        clock.now = NOW.plusSeconds(90);
        assertThat(later.heartbeat()).as("under red the clocks stand").contains("\"01:00:00\",\"Red   \"");
    }

    @Test
    void aDriverChangeResendsTheCompetitor() throws Exception {
        RMonitorModel model = model(NOW);
        model.reset(snapshot(state));
        ObjectNode next = state.deepCopy();
        int driver = Fixtures.column(manifest, "Driver");
        ((com.fasterxml.jackson.databind.node.ArrayNode) next.path("cars").get(0)).set(driver,
                Fixtures.MAPPER.getNodeFactory().textNode("HANSON, Phil"));
        List<String> diff = model.update(snapshot(next));
        assertThat(diff).containsExactly(
                "$A,\"22\",\"22\",0,\"Phil\",\"HANSON\",\"\",1",
                "$COMP,\"22\",\"22\",1,\"Phil\",\"HANSON\",\"\",\"United Autosports\"");
    }

    @Test
    void lapsToGoComesFromLapsRemainWhenTheRaceIsOverDistance() throws Exception {
        ObjectNode s = Fixtures.withFlag(state, "green");
        ((ObjectNode) s.path("session")).put("lapsRemain", 12);
        RMonitorModel model = model(NOW);
        model.reset(snapshot(s));
        assertThat(model.heartbeat()).startsWith("$F,12,");
    }

    @Test
    void withoutADefaultServiceReceiversOnlyGetAnInit() {
        RMonitorModel model = model(NOW);
        assertThat(model.reset(null)).containsExactly("$I,\"16:00:33\",\"24 Oct 21\"");
        assertThat(RMonitorLayouts.valid(model.heartbeat())).isTrue();
    }

    @Test
    void timesAndFlagsUseTheProtocolFormats() {
        assertThat(RMonitorRecords.time(87045.545)).isEqualTo("24:10:45.545");
        assertThat(RMonitorRecords.time(Double.NaN)).isEqualTo("00:00:00.000");
        assertThat(RMonitorRecords.time(-3)).isEqualTo("00:00:00.000");
        assertThat(RMonitorRecords.clock(59.999)).isEqualTo("00:00:59");
        assertThat(RMonitorRecords.flag("green")).isEqualTo("Green ");
        assertThat(RMonitorRecords.flag("fcy")).isEqualTo("Yellow");
        assertThat(RMonitorRecords.flag("red")).isEqualTo("Red   ");
        assertThat(RMonitorRecords.flag("chequered")).isEqualTo("Finish");
        assertThat(RMonitorRecords.flag("none")).isEqualTo("      ");
        assertThat(RMonitorRecords.competitor("7", "7", 0, "Kamui \"K\"", "KOBAYASHI", "", 1))
                .isEqualTo("$A,\"7\",\"7\",0,\"Kamui 'K'\",\"KOBAYASHI\",\"\",1");
        assertThat(RMonitorModel.splitDriver("Daniel Gaunt")).containsExactly("Daniel", "Gaunt");
        assertThat(RMonitorModel.splitDriver("KOBAYASHI, Kamui")).containsExactly("Kamui", "KOBAYASHI");
    }
}
