package io.pitwall.launcher.results;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Results as CSV. {@code classification} and {@code laps} are one RFC 4180 table each (a header, then one record per
 * car or lap); {@code both} writes the classification table, one empty line, then the laps table. Times appear
 * twice: {@code M:SS.mmm} for people and whole milliseconds ({@code _ms}) for machines.
 */
public final class ResultsCsv {

    /** What a CSV file holds. */
    public enum Part { CLASSIFICATION, LAPS, BOTH }

    public static final List<String> CLASSIFICATION_HEADER = List.of("position", "number", "class", "class_position",
            "drivers", "team", "car", "laps", "total_time", "total_time_ms", "last_crossing", "gap", "gap_ms",
            "gap_laps", "interval", "interval_ms", "interval_laps", "best_lap", "best_lap_ms", "best_lap_number",
            "pit_stops", "status");

    private ResultsCsv() {
    }

    public static void write(SessionResults results, Part part, Writer out) throws IOException {
        Csv csv = new Csv(out);
        if (part != Part.LAPS) {
            classification(results, csv);
        }
        if (part == Part.BOTH) {
            csv.blankLine();
        }
        if (part != Part.CLASSIFICATION) {
            laps(results, csv);
        }
        out.flush();
    }

    private static void classification(SessionResults results, Csv csv) throws IOException {
        csv.record(CLASSIFICATION_HEADER);
        for (ClassifiedEntry e : results.classification()) {
            csv.record(java.util.Arrays.asList(e.position(), e.carNumber(), e.className(), e.classPosition(),
                    String.join("; ", e.drivers()), e.team(), e.car(), e.laps(), Times.clock(e.totalTimeMicros()),
                    Times.millis(e.totalTimeMicros()), e.lastCrossing(), ClassifiedEntry.gapText(e.gap()),
                    ClassifiedEntry.gapMillis(e.gap()), ClassifiedEntry.gapLaps(e.gap()),
                    ClassifiedEntry.gapText(e.interval()), ClassifiedEntry.gapMillis(e.interval()),
                    ClassifiedEntry.gapLaps(e.interval()), Times.clock(e.bestLapMicros()),
                    Times.millis(e.bestLapMicros()), e.bestLapNumber(), e.pitStops(), e.status()));
        }
    }

    /** The laps header for a session with {@code sectors} sector columns. */
    public static List<String> lapsHeader(int sectors) {
        List<String> header = new ArrayList<>(List.of("number", "lap", "lap_time", "lap_time_ms"));
        for (int s = 1; s <= sectors; s++) {
            header.add("s" + s);
            header.add("s" + s + "_ms");
        }
        header.addAll(List.of("finished_at", "invalid", "in_pit", "personal_best", "session_best", "transponder"));
        return header;
    }

    private static void laps(SessionResults results, Csv csv) throws IOException {
        int sectors = sectorColumns(results);
        csv.record(lapsHeader(sectors));
        for (LapRecord lap : results.laps()) {
            List<Object> row = new ArrayList<>(List.of(lap.carNumber(), lap.lapNumber(),
                    Times.clock(lap.lapTimeMicros()), Times.millis(lap.lapTimeMicros())));
            for (int s = 0; s < sectors; s++) {
                Long sector = s < lap.sectorTimesMicros().size() ? lap.sectorTimesMicros().get(s) : null;
                row.add(Times.clock(sector));
                row.add(Times.millis(sector));
            }
            row.addAll(java.util.Arrays.asList(lap.finishedAt(), lap.invalid(), lap.inPit(), lap.personalBest(),
                    lap.sessionBest(), lap.transponder()));
            csv.record(row);
        }
    }

    /** Sector columns only when laps have sector times (a one-sector session has none). */
    static int sectorColumns(SessionResults results) {
        return results.sectorCount() > 1 ? results.sectorCount() : 0;
    }
}
