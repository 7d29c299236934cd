package io.pitwall.launcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.Entry;
import io.pitwall.events.SessionConfig;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.GroundTruth;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The CSV and JSON of a generated race, read back, give the ground truth (to the millisecond). */
public class ResultsWritersTest {

    private static final RaceTimeline RACE = RaceGenerator.generate(RaceScenario.race(21));
    private static final SessionResults RESULTS = SessionResults.of(GeneratedSession.recorded(RACE, 21));

    @Test
    void csvClassificationShouldBeTheGroundTruth() throws Exception {
        List<List<String>> table = csv(ResultsCsv.Part.CLASSIFICATION);
        assertThat(table.get(0)).isEqualTo(ResultsCsv.CLASSIFICATION_HEADER);
        List<String> lines = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
            lines.add(field(row, "position") + " #" + field(row, "number") + " laps=" + field(row, "laps")
                    + " best=" + field(row, "best_lap_ms") + " pits=" + field(row, "pit_stops")
                    + (field(row, "status").equals("FIN") ? " FIN" : ""));
        }
        assertThat(lines).isEqualTo(expectedStandings(RACE.groundTruth()));
    }

    @Test
    void csvLapsShouldBeTheGroundTruth() throws Exception {
        List<List<String>> table = csv(ResultsCsv.Part.LAPS);
        assertThat(table.get(0)).isEqualTo(ResultsCsv.lapsHeader(3));
        List<String> lines = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
            lines.add(lapsField(row, "number") + " " + lapsField(row, "lap") + " " + lapsField(row, "lap_time_ms") + " ["
                    + lapsField(row, "s1_ms") + ", " + lapsField(row, "s2_ms") + ", " + lapsField(row, "s3_ms") + "]"
                    + flags(Boolean.parseBoolean(lapsField(row, "invalid")), Boolean.parseBoolean(lapsField(row, "in_pit")),
                    Boolean.parseBoolean(lapsField(row, "personal_best")),
                    Boolean.parseBoolean(lapsField(row, "session_best"))));
            assertThat(Times.clock(Long.parseLong(lapsField(row, "lap_time_ms")) * 1000))
                    .isEqualTo(lapsField(row, "lap_time"));
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expectedLapLines(RACE.groundTruth()));
    }

    @Test
    void csvWithBothShouldHoldTheTwoTablesSeparatedByOneEmptyLine() throws Exception {
        List<List<String>> all = csv(ResultsCsv.Part.BOTH);
        int blank = all.indexOf(List.of());
        assertThat(blank).isEqualTo(RESULTS.classification().size() + 1);
        assertThat(all.subList(0, blank)).isEqualTo(csv(ResultsCsv.Part.CLASSIFICATION));
        assertThat(all.subList(blank + 1, all.size())).isEqualTo(csv(ResultsCsv.Part.LAPS));
    }

    @Test
    void csvShouldQuoteNamesWithCommasAndQuotes() throws Exception {
        SessionConfig config = RACE.sessionConfig();
        List<Entry> entries = new ArrayList<>(config.getEntries());
        Entry first = entries.get(0);
        entries.set(0, Entry.newBuilder(first).setTeam("Smith, \"Fast\" Racing").build());
        RecordedSession renamed = GeneratedSession.recorded(RaceGenerator.generate(RaceScenario.race(21)), 21);
        renamed = new RecordedSession(SessionConfig.newBuilder(config).setEntries(entries).build(), renamed.opened(),
                null, renamed.controls(), renamed.passings(), renamed.laps(), renamed.lastState());
        StringWriter out = new StringWriter();
        ResultsCsv.write(SessionResults.of(renamed), ResultsCsv.Part.CLASSIFICATION, out);

        assertThat(out.toString()).contains(",\"Smith, \"\"Fast\"\" Racing\",");
        List<List<String>> table = CsvReader.read(out.toString());
        int team = ResultsCsv.CLASSIFICATION_HEADER.indexOf("team");
        assertThat(table).anyMatch(row -> row.get(team).equals("Smith, \"Fast\" Racing"));
    }

    @Test
    void jsonShouldBeTheGroundTruth() throws Exception {
        StringWriter out = new StringWriter();
        ResultsJson.write(RESULTS, out);
        JsonNode root = new ObjectMapper().readTree(out.toString());

        assertThat(root.at("/session/id").asText()).isEqualTo(RACE.sessionConfig().getSessionId());
        assertThat(root.at("/checks/agree").asBoolean()).isTrue();
        List<String> standings = new ArrayList<>();
        for (JsonNode car : root.get("classification")) {
            standings.add(car.get("position").asInt() + " #" + car.get("number").asText() + " laps="
                    + car.get("laps").asInt() + " best=" + (car.get("bestLapMs").isNull() ? "" : car.get("bestLapMs").asLong())
                    + " pits=" + car.get("pitStops").asInt() + (car.get("status").asText().equals("FIN") ? " FIN" : ""));
        }
        assertThat(standings).isEqualTo(expectedStandings(RACE.groundTruth()));
        List<String> laps = new ArrayList<>();
        for (JsonNode lap : root.get("laps")) {
            JsonNode s = lap.get("sectorsMs");
            laps.add(lap.get("number").asText() + " " + lap.get("lap").asInt() + " " + lap.get("lapTimeMs").asLong()
                    + " [" + text(s.get(0)) + ", " + text(s.get(1)) + ", " + text(s.get(2)) + "]"
                    + flags(lap.get("invalid").asBoolean(), lap.get("inPit").asBoolean(),
                    lap.get("personalBest").asBoolean(), lap.get("sessionBest").asBoolean()));
        }
        assertThat(laps).containsExactlyInAnyOrderElementsOf(expectedLapLines(RACE.groundTruth()));
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "" : node.asText();
    }

    private static List<List<String>> csv(ResultsCsv.Part part) throws Exception {
        StringWriter out = new StringWriter();
        ResultsCsv.write(RESULTS, part, out);
        return CsvReader.read(out.toString());
    }

    private static String field(List<String> row, String name) {
        return row.get(ResultsCsv.CLASSIFICATION_HEADER.indexOf(name));
    }

    private static String lapsField(List<String> row, String name) {
        return row.get(ResultsCsv.lapsHeader(3).indexOf(name));
    }

    private static String flags(boolean invalid, boolean inPit, boolean pb, boolean sb) {
        return (invalid ? " invalid" : "") + (inPit ? " pit" : "") + (pb ? " pb" : "") + (sb ? " sb" : "");
    }

    public static List<String> expectedStandings(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        for (ExpectedStanding s : truth.classification()) {
            lines.add(s.position() + " #" + s.carNumber() + " laps=" + s.laps() + " best="
                    + (s.bestLapMicros() == null ? "" : s.bestLapMicros() / 1000) + " pits=" + s.pitStops()
                    + (s.finished() ? " FIN" : ""));
        }
        return lines;
    }

    public static List<String> expectedLapLines(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(truth.laps()).forEach((car, carLaps) -> {
            for (ExpectedLap l : carLaps) {
                List<String> sectors = new ArrayList<>();
                for (int s = 0; s < 3; s++) {
                    Long sector = s < l.sectorTimesMicros().size() ? l.sectorTimesMicros().get(s) : null;
                    sectors.add(sector == null ? "" : String.valueOf(sector / 1000));
                }
                lines.add(car + " " + l.lapNumber() + " " + l.lapTimeMicros() / 1000 + " [" + String.join(", ", sectors)
                        + "]" + flags(l.invalid(), l.inPit(), l.personalBest(), l.sessionBest()));
            }
        });
        return lines;
    }
}
