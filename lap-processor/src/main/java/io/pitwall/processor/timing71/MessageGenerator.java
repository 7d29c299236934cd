package io.pitwall.processor.timing71;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.CarSnapshot;
import io.pitwall.processor.timing.CarStatus;
import io.pitwall.processor.timing.LapChange;
import io.pitwall.processor.timing.SessionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages Timing71 would generate between two screens — pit in/out, stopped/resumed, personal and
 * overall bests, flag changes — with Timing71's texts and styles, plus Pitwall's own: race-control texts and
 * lap corrections.
 */
final class MessageGenerator {

    /** More corrections than this in one update are summed up in one message instead of one per lap. */
    static final int MAX_CORRECTION_MESSAGES = 5;

    private MessageGenerator() {
    }

    static List<Timing71Message> between(SessionSnapshot before, SessionSnapshot now, List<LapChange> changes,
                                         List<SessionControl> newControls) {
        long timestamp = now.nowMicros() / 1000;
        List<Timing71Message> messages = new ArrayList<>();
        if (before != null && before.flag() != now.flag()) {
            Timing71Message flag = flagMessage(now.flag(), timestamp);
            if (flag != null) {
                messages.add(flag);
            }
        }
        for (SessionControl control : newControls) {
            raceControlMessage(control, timestamp, messages);
        }
        if (before != null) {
            Map<String, CarSnapshot> previous = new HashMap<>();
            before.cars().forEach(car -> previous.put(car.carNumber(), car));
            for (CarSnapshot car : now.cars()) {
                CarSnapshot old = previous.get(car.carNumber());
                if (old != null) {
                    carMessages(before, old, now, car, timestamp, messages);
                }
            }
        }
        correctionMessages(changes, timestamp, messages);
        return messages;
    }

    private static void carMessages(SessionSnapshot before, CarSnapshot old, SessionSnapshot now, CarSnapshot car,
                                    long timestamp, List<Timing71Message> out) {
        String number = car.carNumber();
        String who = "#" + number + driverText(car);
        CarStatus was = old.status();
        CarStatus is = car.status();
        if (was != is && was != CarStatus.NOT_STARTED) {
            String pits = category(car, "Pits");
            if (is == CarStatus.PIT) {
                out.add(new Timing71Message(timestamp, pits, who + " has entered the pits", "pit", number));
            } else if ((is == CarStatus.OUT && was != CarStatus.RUN && was != CarStatus.STOP)
                    || (was == CarStatus.PIT && is == CarStatus.RUN)) {
                out.add(new Timing71Message(timestamp, pits, who + " has left the pits", "out", number));
            }
            if (is == CarStatus.STOP) {
                out.add(new Timing71Message(timestamp, pits, who + " is running slowly or stopped", null, number));
            } else if (was == CarStatus.STOP && (is == CarStatus.RUN || is == CarStatus.OUT)) {
                out.add(new Timing71Message(timestamp, pits, who + " has resumed", null, number));
            }
        }
        boolean newLap = car.lastLap() != null
                && (old.lastLap() == null || old.lastLap().finishMicros() != car.lastLap().finishMicros());
        if (newLap) {
            String flag = CellFlags.lastLap(car, now);
            String time = TimeFormat.text(car.lastLap().lapTimeMicros());
            String timing = category(car, "Timing");
            if (CellFlags.SESSION_BEST.equals(flag) || CellFlags.NEW_SESSION_BEST.equals(flag)) {
                out.add(new Timing71Message(timestamp, timing, who + " set a new overall best (" + time + ")", "sb",
                        number));
            } else if (CellFlags.PERSONAL_BEST.equals(flag) && old.lastLap() != null) {
                out.add(new Timing71Message(timestamp, timing, who + " set a new personal best (" + time + ")", "pb",
                        number));
            }
        }
    }

    private static void correctionMessages(List<LapChange> changes, long timestamp, List<Timing71Message> out) {
        List<LapChange> visible = changes.stream()
                .filter(c -> c.kind() != LapEventKind.COMPLETED && c.changesTiming()).toList();
        if (visible.size() > MAX_CORRECTION_MESSAGES) {
            long deleted = visible.stream().filter(c -> c.kind() == LapEventKind.DELETED).count();
            String reason = visible.get(0).reason();
            String cause = reason == null ? "" : " (" + reason.split(":")[0] + ")";
            out.add(new Timing71Message(timestamp, "Timing", "Results recalculated" + cause + ": "
                    + (visible.size() - deleted) + " laps corrected, " + deleted + " deleted", "timing", null));
            return;
        }
        for (LapChange change : visible) {
            String car = change.carNumber();
            String text;
            if (change.kind() == LapEventKind.DELETED) {
                text = "Lap " + change.lap().number() + " of #" + car + " deleted";
            } else if (change.previous().lapTimeMicros() != change.lap().lapTimeMicros()) {
                text = "Lap " + change.lap().number() + " of #" + car + " corrected: "
                        + TimeFormat.text(change.lap().lapTimeMicros()) + " (was "
                        + TimeFormat.text(change.previous().lapTimeMicros()) + ")";
            } else {
                text = "Lap " + change.lap().number() + " of #" + car + " corrected (sector times)";
            }
            out.add(new Timing71Message(timestamp, "Timing", text, "timing", car));
        }
    }

    private static void raceControlMessage(SessionControl control, long timestamp, List<Timing71Message> out) {
        boolean textual = control.getAction() == ControlAction.MESSAGE || control.getAction() == ControlAction.PENALTY
                || control.getAction() == ControlAction.RETIREMENT;
        if (!textual) {
            return;
        }
        String text = control.getMessage();
        if ((text == null || text.isBlank()) && control.getAction() == ControlAction.RETIREMENT) {
            text = "Car " + control.getCarNumber() + " retired";
        }
        if (text == null || text.isBlank()) {
            return;
        }
        out.add(new Timing71Message(timestamp, "Race Control", text.toUpperCase(Locale.ROOT), "raceControl",
                control.getCarNumber()));
    }

    static Timing71Message flagMessage(Flag flag, long timestamp) {
        return switch (flag) {
            case GREEN -> new Timing71Message(timestamp, "Track", "Green flag - track clear", "green", null);
            case SC -> new Timing71Message(timestamp, "Track", "Safety car deployed", "yellow", null);
            case VSC -> new Timing71Message(timestamp, "Track", "Virtual safety car deployed", "yellow", null);
            case YELLOW -> new Timing71Message(timestamp, "Track", "Yellow flags shown", "yellow", null);
            case FCY -> new Timing71Message(timestamp, "Track", "Full course yellow", "yellow", null);
            case CAUTION -> new Timing71Message(timestamp, "Track", "Full course caution", "yellow", null);
            case RED -> new Timing71Message(timestamp, "Track", "Red flag", "red", null);
            case CHEQUERED -> new Timing71Message(timestamp, "Track", "Chequered flag", "track", null);
            case CODE_60 -> new Timing71Message(timestamp, "Track", "Code 60", "code60", null);
            case WHITE -> new Timing71Message(timestamp, "Track", "White flag - final lap", "white", null);
            default -> null;
        };
    }

    private static String driverText(CarSnapshot car) {
        String driver = car.identity().currentDriver();
        return driver == null || driver.isBlank() ? "" : " (" + driver + ")";
    }

    private static String category(CarSnapshot car, String fallback) {
        String className = car.identity().className();
        return className == null || className.isBlank() ? fallback : className;
    }
}
