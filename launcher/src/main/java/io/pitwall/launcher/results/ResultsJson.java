package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.SessionConfig;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;

/**
 * Results as one JSON document: the session, the classification, every lap, and the cross-checks. Times are
 * given in whole milliseconds ({@code …Ms}) and as text ({@code M:SS.mmm}); instants as ISO-8601 UTC.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static ObjectNode document(SessionResults results) {
        ObjectNode root = JSON.createObjectNode();
        SessionConfig config = results.config();
        ObjectNode session = root.putObject("session");
        session.put("venue", config.getVenueId());
        session.put("id", config.getSessionId());
        session.put("name", config.getName());
        session.put("description", config.getDescription());
        session.put("type", config.getType().name().toLowerCase(Locale.ROOT));
        session.put("sectors", config.getSectorCount());
        session.put("stopRule", config.getStopRule().getKind().name().toLowerCase(Locale.ROOT)
                + (config.getStopRule().getValue() == 0 ? "" : ":" + config.getStopRule().getValue()));
        session.put("start", text(results.start()));
        session.put("chequered", text(results.chequered()));
        ArrayNode classification = root.putArray("classification");
        for (ClassifiedEntry e : results.classification()) {
            ObjectNode car = classification.addObject();
            car.put("position", e.position());
            car.put("number", e.carNumber());
            car.put("class", e.className());
            car.put("classPosition", e.classPosition());
            e.drivers().forEach(car.putArray("drivers")::add);
            car.put("team", e.team());
            car.put("car", e.car());
            car.put("laps", e.laps());
            car.put("totalTime", Times.clock(e.totalTimeMicros()));
            car.put("totalTimeMs", Times.millis(e.totalTimeMicros()));
            car.put("lastCrossing", text(e.lastCrossing()));
            car.put("gap", ClassifiedEntry.gapText(e.gap()));
            car.put("gapMs", ClassifiedEntry.gapMillis(e.gap()));
            car.put("gapLaps", ClassifiedEntry.gapLaps(e.gap()));
            car.put("interval", ClassifiedEntry.gapText(e.interval()));
            car.put("intervalMs", ClassifiedEntry.gapMillis(e.interval()));
            car.put("intervalLaps", ClassifiedEntry.gapLaps(e.interval()));
            car.put("bestLap", Times.clock(e.bestLapMicros()));
            car.put("bestLapMs", Times.millis(e.bestLapMicros()));
            car.put("bestLapNumber", e.bestLapNumber());
            car.put("pitStops", e.pitStops());
            car.put("status", e.status());
        }
        ArrayNode laps = root.putArray("laps");
        for (LapRecord lap : results.laps()) {
            ObjectNode node = laps.addObject();
            node.put("number", lap.carNumber());
            node.put("lap", lap.lapNumber());
            node.put("lapTime", Times.clock(lap.lapTimeMicros()));
            node.put("lapTimeMs", Times.millis(lap.lapTimeMicros()));
            ArrayNode sectors = node.putArray("sectorsMs");
            ArrayNode sectorTexts = node.putArray("sectors");
            for (Long sector : lap.sectorTimesMicros()) {
                if (sector == null) {
                    sectors.addNull();
                    sectorTexts.addNull();
                } else {
                    sectors.add(Times.millis(sector));
                    sectorTexts.add(Times.clock(sector));
                }
            }
            node.put("finishedAt", text(lap.finishedAt()));
            node.put("invalid", lap.invalid());
            node.put("inPit", lap.inPit());
            node.put("personalBest", lap.personalBest());
            node.put("sessionBest", lap.sessionBest());
            node.put("transponder", lap.transponder());
        }
        ObjectNode checks = root.putObject("checks");
        checks.put("publishedStateCompared", results.stateChecked());
        checks.put("agree", results.differences().isEmpty());
        results.differences().forEach(checks.putArray("differences")::add);
        return root;
    }

    public static void write(SessionResults results, Writer out) throws IOException {
        JSON.writeValue(new NonClosingWriter(out), document(results));
        out.write(System.lineSeparator());
        out.flush();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Jackson closes what it writes to; stdout must stay open. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
