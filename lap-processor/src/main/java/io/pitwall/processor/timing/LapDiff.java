package io.pitwall.processor.timing;

import io.pitwall.events.LapEventKind;
import io.pitwall.processor.timing.lap.Lap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The difference between two versions of a car's laps, lap number by lap number. */
final class LapDiff {

    private LapDiff() {
    }

    /**
     * Appends to {@code out} a COMPLETED for each lap only in {@code after}, a CORRECTED for each lap that
     * differs, and a DELETED for each lap only in {@code before}. Both lists hold consecutive lap numbers
     * starting at the same number.
     *
     * @param cause why the laps were recalculated, null for the ordinary completion of a lap
     */
    static void between(String carNumber, List<Lap> before, List<Lap> after, String cause, List<LapChange> out) {
        int common = Math.min(before.size(), after.size());
        for (int i = 0; i < common; i++) {
            Lap old = before.get(i);
            Lap now = after.get(i);
            if (!old.equals(now)) {
                String reason = describeChange(old, now);
                out.add(new LapChange(LapEventKind.CORRECTED, carNumber, now, old,
                        cause == null ? reason : cause + ": " + reason));
            }
        }
        for (int i = common; i < after.size(); i++) {
            out.add(new LapChange(LapEventKind.COMPLETED, carNumber, after.get(i), null, cause));
        }
        for (int i = common; i < before.size(); i++) {
            out.add(new LapChange(LapEventKind.DELETED, carNumber, before.get(i), before.get(i),
                    cause == null ? "lap no longer exists" : cause));
        }
    }

    private static String describeChange(Lap old, Lap now) {
        List<String> parts = new ArrayList<>();
        if (old.lapTimeMicros() != now.lapTimeMicros()) {
            parts.add("lap time " + seconds(old.lapTimeMicros()) + " → " + seconds(now.lapTimeMicros()));
        }
        if (!Objects.equals(old.sectorTimesMicros(), now.sectorTimesMicros())) {
            parts.add("sector times changed");
        }
        if (old.invalid() != now.invalid()) {
            parts.add(now.invalid() ? "now over the maximum lap time" : "no longer over the maximum lap time");
        }
        if (old.inPit() != now.inPit()) {
            parts.add(now.inPit() ? "now a pit lap" : "no longer a pit lap");
        }
        if (old.personalBest() != now.personalBest() || old.sessionBest() != now.sessionBest()) {
            parts.add("best-lap flags changed");
        }
        if (parts.isEmpty()) {
            parts.add("passings changed");
        }
        return String.join(", ", parts);
    }

    private static String seconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).setScale(3, java.math.RoundingMode.DOWN).toPlainString() + " s";
    }
}
