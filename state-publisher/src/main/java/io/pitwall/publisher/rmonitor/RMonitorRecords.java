package io.pitwall.publisher.rmonitor;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The AMB / MyLaps RMonitor record layouts, one method per record. Strings are quoted, numbers bare,
 * times {@code "HH:MM:SS.DDD"} (hours not wrapped at 24: a 24-hour race's race time reads 24:10:45).
 * The protocol has no escaping, so a quote inside a name becomes an apostrophe and line breaks vanish.
 */
final class RMonitorRecords {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMM yy", Locale.ENGLISH);

    private RMonitorRecords() {
    }

    /** {@code $I}: the receiver clears everything it holds. */
    static String init(LocalTime timeOfDay, LocalDate date) {
        return "$I," + q(timeOfDay.format(TIME_OF_DAY)) + "," + q(date.format(DATE));
    }

    static String competitor(String regNr, String number, long transponder, String first, String last,
                             String nationality, int classNr) {
        return "$A," + q(regNr) + "," + q(number) + "," + transponder + "," + q(first) + "," + q(last) + ","
                + q(nationality) + "," + classNr;
    }

    static String compCompetitor(String regNr, String number, int classNr, String first, String last,
                                 String nationality, String additional) {
        return "$COMP," + q(regNr) + "," + q(number) + "," + classNr + "," + q(first) + "," + q(last) + ","
                + q(nationality) + "," + q(additional);
    }

    static String run(int runNumber, String description) {
        return "$B," + runNumber + "," + q(description);
    }

    static String clazz(int classNr, String description) {
        return "$C," + classNr + "," + q(description);
    }

    static String heartbeat(int lapsToGo, double timeToGo, LocalTime timeOfDay, double raceTime, String flag) {
        return "$F," + lapsToGo + "," + q(clock(timeToGo)) + "," + q(timeOfDay.format(TIME_OF_DAY)) + ","
                + q(clock(raceTime)) + "," + q(flag);
    }

    static String racePosition(int position, String regNr, int laps, double totalTime) {
        return "$G," + position + "," + q(regNr) + "," + laps + "," + q(time(totalTime));
    }

    static String practicePosition(int position, String regNr, int bestLapNumber, double bestLapTime) {
        return "$H," + position + "," + q(regNr) + "," + bestLapNumber + "," + q(time(bestLapTime));
    }

    static String crossing(String regNr, double lapTime, double totalTime) {
        return "$J," + q(regNr) + "," + q(time(lapTime)) + "," + q(time(totalTime));
    }

    /** FlagStatus is six characters, space padded. */
    static String flag(String timing71Flag) {
        return switch (timing71Flag == null ? "" : timing71Flag) {
            case "green", "white" -> "Green ";
            case "yellow", "fcy", "code_60", "vsc", "sc", "caution", "slow_zone", "code_60_zone" -> "Yellow";
            case "red" -> "Red   ";
            case "chequered" -> "Finish";
            default -> "      ";
        };
    }

    /** {@code HH:MM:SS.DDD}; an unknown time (NaN) or a negative one is 00:00:00.000. */
    static String time(double seconds) {
        long millis = Double.isNaN(seconds) || seconds < 0 ? 0 : Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d",
                millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }

    /** {@code HH:MM:SS} for the heartbeat clocks. */
    static String clock(double seconds) {
        long s = Double.isNaN(seconds) || seconds < 0 ? 0 : (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String q(String s) {
        return '"' + (s == null ? "" : s.replace('"', '\'').replace("\r", "").replace("\n", " ")) + '"';
    }
}
