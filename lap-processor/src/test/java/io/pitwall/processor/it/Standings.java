package io.pitwall.processor.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.GroundTruth;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The classification a Timing71 state shows, one line per car, comparable with a ground truth. */
final class Standings {

    private Standings() {
    }

    /** From the state's {@code cars} rows, read through the manifest's colSpec. */
    static List<String> of(JsonNode manifest, JsonNode state) {
        JsonNode columns = manifest.get("colSpec");
        int num = column(columns, "Num");
        int carState = column(columns, "State");
        int laps = column(columns, "Laps");
        int best = column(columns, "Best");
        int pits = column(columns, "Pits");
        List<String> lines = new ArrayList<>();
        int position = 0;
        for (JsonNode car : state.get("cars")) {
            JsonNode bestTime = car.get(best).get(0);
            lines.add(line(++position, car.get(num).asText(), car.get(laps).asInt(),
                    bestTime.isNumber() ? bestTime.decimalValue().setScale(3).toPlainString() : "-",
                    car.get(pits).asInt(), car.get(carState).asText().equals("FIN")));
        }
        return lines;
    }

    static List<String> expected(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        for (ExpectedStanding standing : truth.classification()) {
            // Timing71 shows times truncated to milliseconds
            String best = standing.bestLapMicros() == null ? "-"
                    : BigDecimal.valueOf(standing.bestLapMicros() / 1000, 3).toPlainString();
            lines.add(line(standing.position(), standing.carNumber(), standing.laps(), best, standing.pitStops(),
                    standing.finished()));
        }
        return lines;
    }

    private static String line(int position, String car, int laps, String best, int pits, boolean finished) {
        return position + " #" + car + " laps=" + laps + " best=" + best + " pits=" + pits + (finished ? " FIN" : "");
    }

    private static int column(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).get(0).asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
}
