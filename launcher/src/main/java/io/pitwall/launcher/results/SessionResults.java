package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.SessionConfig;
import io.pitwall.processor.timing.CarSnapshot;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.classification.CarNumberOrder;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.processor.timing.lap.Micros;
import io.pitwall.processor.timing71.Timing71Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one session: the final classification (the timing engine run again over the session's inputs)
 * and every lap in its final version (from {@code timing.laps}), with the cross-checks between them and the last
 * state the lap processor published.
 *
 * @param laps        by car number (numeric order), then lap number
 * @param differences where the engine's laps disagree with {@code timing.laps}, or its classification with the
 *                    last published Timing71 state; empty when everything agrees
 * @param stateChecked whether a published state was there to compare with
 */
public record SessionResults(SessionConfig config, Instant start, Instant chequered, int sectorCount,
                             List<ClassifiedEntry> classification, List<LapRecord> laps, List<String> differences,
                             boolean stateChecked) {

    public static SessionResults of(RecordedSession recorded) {
        SessionRerun rerun = new SessionRerun(recorded);
        rerun.advanceToEnd();
        SessionSnapshot snapshot = rerun.snapshot(rerun.lastInput());
        List<ClassifiedEntry> classification = new ArrayList<>();
        for (CarSnapshot car : snapshot.cars()) {
            List<Lap> carLaps = rerun.session().laps(car.carNumber());
            Lap first = carLaps.isEmpty() ? null : carLaps.get(0);
            Lap last = car.lastLap();
            classification.add(new ClassifiedEntry(car.position(), car.carNumber(), car.identity().className(),
                    car.classPosition(), car.identity().drivers(), car.identity().team(), car.identity().car(),
                    car.laps(), last == null ? null : last.finishMicros() - first.startMicros(),
                    last == null ? null : Micros.toInstant(last.finishMicros()), car.gap(), car.interval(),
                    car.bestLap() == null ? null : car.bestLap().lapTimeMicros(),
                    car.bestLap() == null ? null : car.bestLap().number(), car.pitStops(), car.status().timing71()));
        }
        List<LapRecord> laps = finalLaps(recorded.laps());
        List<String> differences = new ArrayList<>(lapDifferences(laps, rerun.session().allLaps()));
        int sectorCount = snapshot.sectorCount();
        boolean stateChecked = recorded.lastState().isPresent();
        if (stateChecked) {
            JsonNode rebuilt = new Timing71Service().render(snapshot);
            differences.addAll(StateComparison.differences(rebuilt, StateComparison.parse(recorded.lastState().get()),
                    sectorCount));
        }
        return new SessionResults(recorded.config(), toInstant(snapshot.startMicros()),
                toInstant(snapshot.chequeredMicros()), recorded.config().getSectorCount(), classification, laps,
                differences, stateChecked);
    }

    /** Applies COMPLETED, CORRECTED and DELETED in the order they were written: the last word on each lap. */
    static List<LapRecord> finalLaps(List<LapEvent> events) {
        Map<String, Map<Integer, LapRecord>> byCar = new LinkedHashMap<>();
        for (LapEvent event : events) {
            Map<Integer, LapRecord> car = byCar.computeIfAbsent(event.getCarNumber(), n -> new LinkedHashMap<>());
            if (event.getKind() == LapEventKind.DELETED) {
                car.remove(event.getLapNumber());
            } else {
                car.put(event.getLapNumber(), LapRecord.of(event));
            }
        }
        List<LapRecord> laps = new ArrayList<>();
        byCar.values().forEach(car -> laps.addAll(car.values()));
        laps.sort(Comparator.comparing(LapRecord::carNumber, CarNumberOrder.INSTANCE)
                .thenComparingInt(LapRecord::lapNumber));
        return laps;
    }

    private static List<String> lapDifferences(List<LapRecord> published, Map<String, List<Lap>> engine) {
        List<String> differences = new ArrayList<>();
        Map<String, LapRecord> byKey = new LinkedHashMap<>();
        published.forEach(l -> byKey.put(l.carNumber() + "#" + l.lapNumber(), l));
        int engineLaps = 0;
        for (Map.Entry<String, List<Lap>> car : engine.entrySet()) {
            for (Lap lap : car.getValue()) {
                engineLaps++;
                LapRecord record = byKey.get(car.getKey() + "#" + lap.number());
                if (record == null) {
                    differences.add("car " + car.getKey() + " lap " + lap.number() + " is not in timing.laps");
                } else if (record.lapTimeMicros() != lap.lapTimeMicros()
                        || !Objects.equals(record.sectorTimesMicros(), lap.sectorTimesMicros())
                        || record.invalid() != lap.invalid() || record.inPit() != lap.inPit()
                        || record.personalBest() != lap.personalBest() || record.sessionBest() != lap.sessionBest()) {
                    differences.add("car " + car.getKey() + " lap " + lap.number() + ": timing.laps has "
                            + Times.clock(record.lapTimeMicros()) + ", rebuilt " + Times.clock(lap.lapTimeMicros()));
                }
            }
        }
        if (engineLaps != published.size()) {
            differences.add("timing.laps has " + published.size() + " laps, rebuilt " + engineLaps);
        }
        return differences;
    }

    private static Instant toInstant(Long micros) {
        return micros == null ? null : Micros.toInstant(micros);
    }
}
