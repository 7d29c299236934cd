package io.pitwall.systemtest.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.GroundTruth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A classification as one comparable line per car — {@code "1 #7 laps=10 best=93.412 pits=1 FIN"} — read from a
 * Timing71 state (through its manifest's colSpec) or from a ground truth.
 */
public final class Standings {

    private Standings() {
    }

    /** The state's {@code cars} rows in order, their columns found by name in the manifest's colSpec. */
    public static List<String> of(JsonNode manifest, JsonNode state) {
        JsonNode colSpec = manifest.get("colSpec");
        int number = column(colSpec, "Num");
        int carState = column(colSpec, "State");
        int laps = column(colSpec, "Laps");
        int best = column(colSpec, "Best");
        int pits = column(colSpec, "Pits");
        List<String> lines = new ArrayList<>();
        for (JsonNode car : state.path("cars")) {
            // a time cell is [value, flags]; Timing71 shows seconds with milliseconds
            JsonNode bestCell = car.get(best);
            JsonNode bestValue = bestCell.isArray() ? bestCell.get(0) : bestCell;
            String bestText = bestValue != null && bestValue.isNumber()
                    ? bestValue.decimalValue().setScale(3, RoundingMode.DOWN).toPlainString() : "-";
            lines.add(line(lines.size() + 1, car.get(number).asText(), car.get(laps).asInt(), bestText,
                    car.get(pits).asInt(), "FIN".equals(car.get(carState).asText())));
        }
        return lines;
    }

    /** The ground truth's classification in the same form (best laps truncated to milliseconds, as shown). */
    public static List<String> expected(GroundTruth truth) {
        List<String> lines = new ArrayList<>();
        for (ExpectedStanding s : truth.classification()) {
            String best = s.bestLapMicros() == null ? "-" : BigDecimal.valueOf(s.bestLapMicros() / 1000, 3).toPlainString();
            lines.add(line(s.position(), s.carNumber(), s.laps(), best, s.pitStops(), s.finished()));
        }
        return lines;
    }

    private static String line(int position, String car, int laps, String best, int pits, boolean finished) {
        return position + " #" + car + " laps=" + laps + " best=" + best + " pits=" + pits + (finished ? " FIN" : "");
    }

    private static int column(JsonNode colSpec, String name) {
        for (int i = 0; i < colSpec.size(); i++) {
            if (colSpec.get(i).get(0).asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in the manifest's colSpec " + colSpec);
    }
}
