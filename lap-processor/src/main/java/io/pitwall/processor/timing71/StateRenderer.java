package io.pitwall.processor.timing71;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.processor.timing.CarSnapshot;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.classification.Gap;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cars} rows and the {@code session} object of a Timing71 state, cell for cell in colSpec order:
 * strings for texts and car numbers, numbers for PIC/Laps/Pits, {@code [seconds, flag]} for times ("" for no
 * time), Gap/Int as "" (leader), "1 lap"/"N laps", or seconds.
 */
final class StateRenderer {

    private static final JsonNodeFactory JSON = Timing71Json.NODES;

    private StateRenderer() {
    }

    static ArrayNode cars(SessionSnapshot session) {
        ArrayNode cars = JSON.arrayNode();
        int sectorColumns = Columns.sectorColumns(session.sectorCount());
        for (CarSnapshot car : session.cars()) {
            ArrayNode row = cars.addArray();
            row.add(car.carNumber());
            row.add(car.status().timing71());
            row.add(text(car.identity().className()));
            row.add(car.classPosition());
            row.add(text(car.identity().team()));
            row.add(text(car.identity().currentDriver()));
            row.add(text(car.identity().car()));
            row.add(car.laps());
            gap(row, car.gap());
            gap(row, car.interval());
            for (int s = 0; s < sectorColumns; s++) {
                timeCell(row, car.currentSectors().get(s), CellFlags.sector(car, session, s));
                timeCell(row, car.bestSectors().get(s), CellFlags.bestSector(car, session, s));
            }
            timeCell(row, car.lastLap() == null ? null : car.lastLap().lapTimeMicros(), CellFlags.lastLap(car, session));
            timeCell(row, car.bestLap() == null ? null : car.bestLap().lapTimeMicros(), CellFlags.bestLap(car, session));
            row.add(car.pitStops());
        }
        return cars;
    }

    static ObjectNode session(SessionSnapshot session) {
        ObjectNode node = JSON.objectNode();
        node.put("flagState", session.flag().name().toLowerCase(Locale.ROOT));
        node.put("timeElapsed", TimeFormat.seconds(session.elapsedMicros()));
        if (session.remainingMicros() != null) {
            node.put("timeRemain", TimeFormat.seconds(session.remainingMicros()));
        }
        if (session.lapsRemaining() != null) {
            node.put("lapsRemain", session.lapsRemaining());
        }
        node.putArray("trackData");
        return node;
    }

    private static void gap(ArrayNode row, Gap gap) {
        if (gap instanceof Gap.Laps laps) {
            row.add(laps.laps() == 1 ? "1 lap" : laps.laps() + " laps");
        } else if (gap instanceof Gap.Time time) {
            row.add(TimeFormat.seconds(time.micros()));
        } else {
            row.add("");
        }
    }

    private static void timeCell(ArrayNode row, Long micros, String flag) {
        ArrayNode cell = row.addArray();
        if (micros == null) {
            cell.add("");
        } else {
            cell.add(TimeFormat.seconds(micros));
        }
        cell.add(flag);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    static List<String> columnNames(int sectorCount) {
        return Columns.colSpec(sectorCount).stream().map(c -> c.get(0)).toList();
    }
}
