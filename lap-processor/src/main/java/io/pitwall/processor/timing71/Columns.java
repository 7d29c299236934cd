package io.pitwall.processor.timing71;

import java.util.ArrayList;
import java.util.List;

/**
 * The manifest's colSpec: tuples exactly as current Timing71 clients match them (the whole tuple counts,
 * so Last/Best say "laptime" although the recorded references still say "time").
 */
public final class Columns {

    private Columns() {
    }

    /** The columns for a session with {@code sectorCount} sectors (sector columns only from two sectors on). */
    public static List<List<String>> colSpec(int sectorCount) {
        List<List<String>> columns = new ArrayList<>();
        columns.add(List.of("Num", "text", "Car number"));
        columns.add(List.of("State", "text"));
        columns.add(List.of("Class", "class"));
        columns.add(List.of("PIC", "numeric", "Position in class"));
        columns.add(List.of("Team", "text"));
        columns.add(List.of("Driver", "text"));
        columns.add(List.of("Car", "text"));
        columns.add(List.of("Laps", "numeric"));
        columns.add(List.of("Gap", "delta", "Gap to leader"));
        columns.add(List.of("Int", "delta", "Interval to car in front"));
        for (int sector = 1; sector <= sectorColumns(sectorCount); sector++) {
            columns.add(List.of("S" + sector, "time", "Sector " + sector + " time"));
            columns.add(List.of("BS" + sector, "time", "Best sector " + sector + " time"));
        }
        columns.add(List.of("Last", "laptime", "Last lap time"));
        columns.add(List.of("Best", "laptime", "Best lap time"));
        columns.add(List.of("Pits", "numeric"));
        return columns;
    }

    static int sectorColumns(int sectorCount) {
        return sectorCount > 1 ? Math.min(3, sectorCount) : 0;
    }
}
