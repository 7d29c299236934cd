package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.processor.timing71.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares two Timing71 states of one session on what is a function of the inputs alone: the classification
 * order and, per row, number, class, PIC, team, driver, car, laps, gap, interval, last and best lap, pits. Cells
 * that depend on when the screen was drawn are left out: the car state (STOP after two minutes of wall clock), the
 * sector cells' "current lap" view and every flag ("sb-new" lasts 10 s).
 */
public final class StateComparison {

    private static final Set<String> COMPARED = Set.of("Num", "Class", "PIC", "Team", "Driver", "Car", "Laps",
            "Gap", "Int", "Last", "Best", "Pits");

    /** Decimals read as written (92.820 stays 92.820), as the lap processor wrote them. */
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(io.pitwall.processor.timing71.Timing71Json.NODES);

    private StateComparison() {
    }

    /** A published Timing71 state (or manifest). */
    public static JsonNode parse(String json) {
        try {
            return READER.readTree(json);
        } catch (java.io.IOException e) {
            throw new ResultsException("a published Timing71 document is not JSON: " + e.getMessage(), e);
        }
    }

    /** @return one line per difference, empty when the two agree */
    public static List<String> differences(JsonNode expected, JsonNode published, int sectorCount) {
        List<List<String>> columns = Columns.colSpec(sectorCount);
        List<String> differences = new ArrayList<>();
        JsonNode a = expected.path("cars");
        JsonNode b = published.path("cars");
        if (a.size() != b.size()) {
            differences.add("published state has " + b.size() + " cars, rebuilt " + a.size());
        }
        for (int row = 0; row < Math.min(a.size(), b.size()); row++) {
            for (int col = 0; col < columns.size(); col++) {
                String name = columns.get(col).get(0);
                if (!COMPARED.contains(name)) {
                    continue;
                }
                JsonNode x = value(a.get(row).get(col));
                JsonNode y = value(b.get(row).get(col));
                if (!same(x, y)) {
                    differences.add("position " + (row + 1) + " " + name + ": published " + y + ", rebuilt " + x);
                }
            }
        }
        return differences;
    }

    private static JsonNode value(JsonNode cell) {
        return cell != null && cell.isArray() ? cell.get(0) : cell;
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }
}
