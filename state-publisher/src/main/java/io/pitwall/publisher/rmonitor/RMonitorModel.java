package io.pitwall.publisher.rmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.publisher.store.ServiceSnapshot;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an RMonitor receiver knows about the default service, kept so that each new Timing71 state
 * turns into just the records that changed: competitors and classes when first seen (or when the
 * driver changes), a {@code $J} when a car's lap count goes up, {@code $G}/{@code $H} for cars whose
 * race or best-lap position moved, a {@code $F} when the flag changes.
 *
 * <p>Timing71 states carry no per-car total time, so a car's total time is the session's elapsed time
 * when its lap count was seen to rise (and, for cars already running when the publisher started, the
 * elapsed time then). Not thread-safe: {@link RMonitorFeed} serializes access.
 */
final class RMonitorModel {

    /** Session clocks run on under these flags between states; under red, chequered or none they stand. */
    private static final Set<String> CLOCK_RUNS = Set.of(
            "green", "white", "yellow", "fcy", "code_60", "vsc", "sc", "caution", "slow_zone", "code_60_zone");
    private static final int TIMED_RACE_LAPS_TO_GO = 9999;

    private final Clock clock;
    private final ZoneId zone;

    private String uuid;
    private String runDescription = "";
    private TimingColumns columns = TimingColumns.of(null);
    private final Map<String, Integer> classes = new LinkedHashMap<>();
    private final Map<String, CarEntry> cars = new LinkedHashMap<>();
    private String flag = "none";
    private double timeElapsed = Double.NaN;
    private double timeRemain = Double.NaN;
    private int lapsRemain = -1;
    private long stateAtMillis;
    private long version;

    private static final class CarEntry {
        final String number;
        String first = "";
        String last = "";
        String team = "";
        int classNr;
        int laps;
        double lastLap = Double.NaN;
        double best = Double.NaN;
        int bestLapNumber;
        double totalTime;
        int position;
        int bestPosition;

        CarEntry(String number) {
            this.number = number;
        }
    }

    RMonitorModel(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    boolean hasService() {
        return uuid != null;
    }

    /** Bumped by every change, so a client that just got a full snapshot can skip older diffs. */
    long version() {
        return version;
    }

    /** Switches to another service (or none): everything is rebuilt and receivers must clear. */
    List<String> reset(ServiceSnapshot service) {
        uuid = null;
        classes.clear();
        cars.clear();
        flag = "none";
        timeElapsed = Double.NaN;
        timeRemain = Double.NaN;
        lapsRemain = -1;
        version++;
        if (service != null) {
            uuid = service.uuid();
            update(service);
        }
        return fullSnapshot();
    }

    /** Applies a newer snapshot of the same service; returns the records receivers need. */
    List<String> update(ServiceSnapshot service) {
        version++;
        List<String> definitions = new ArrayList<>();
        List<String> crossings = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        List<String> bests = new ArrayList<>();
        if (service.manifest() != null) {
            JsonNode m = service.manifest().json();
            columns = TimingColumns.of(m);
            runDescription = join(m.path("name").asText(""), m.path("description").asText(""));
        }
        if (service.state() == null) {
            return List.of();
        }
        JsonNode state = service.state().json();
        JsonNode session = state.path("session");
        double elapsed = session.path("timeElapsed").asDouble(Double.NaN);
        String newFlag = session.path("flagState").asText("none");
        boolean flagChanged = !newFlag.equals(flag);
        flag = newFlag;
        timeElapsed = elapsed;
        timeRemain = session.path("timeRemain").asDouble(Double.NaN);
        lapsRemain = session.has("lapsRemain") ? session.path("lapsRemain").asInt(-1) : -1;
        // the clocks run on from when we got the state, not from its lastUpdated: no producer clock skew
        stateAtMillis = clock.millis();

        Map<String, int[]> before = new HashMap<>();
        for (CarEntry c : cars.values()) {
            before.put(c.number, new int[] {c.position, c.bestPosition});
        }
        Set<String> crossed = new HashSet<>();
        Set<String> newBest = new HashSet<>();
        List<CarEntry> order = new ArrayList<>();
        JsonNode rows = state.path("cars");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String number = TimingColumns.text(row, columns.num());
            if (number.isEmpty()) {
                continue;
            }
            CarEntry car = cars.get(number);
            boolean isNew = car == null;
            if (isNew) {
                car = new CarEntry(number);
                cars.put(number, car);
            }
            order.add(car);
            String className = TimingColumns.text(row, columns.clazz());
            Integer classNr = classes.get(className);
            if (classNr == null) {
                classNr = classes.size() + 1;
                classes.put(className, classNr);
                definitions.add(RMonitorRecords.clazz(classNr, className));
            }
            String[] name = splitDriver(TimingColumns.text(row, columns.driver()));
            String team = TimingColumns.text(row, columns.team());
            // endurance races change drivers: receivers show the driver in the car now
            if (isNew || car.classNr != classNr || !car.first.equals(name[0]) || !car.last.equals(name[1])
                    || !car.team.equals(team)) {
                car.classNr = classNr;
                car.first = name[0];
                car.last = name[1];
                car.team = team;
                definitions.addAll(competitorRecords(car));
            }
            int laps = TimingColumns.integer(row, columns.laps());
            double lastLap = TimingColumns.seconds(row, columns.last());
            double best = TimingColumns.seconds(row, columns.best());
            if (isNew) {
                car.totalTime = Double.isNaN(elapsed) ? 0 : elapsed;
                car.bestLapNumber = !Double.isNaN(best) && best == lastLap ? laps : 0;
            } else {
                if (laps > car.laps) {
                    car.totalTime = Double.isNaN(elapsed) ? car.totalTime : elapsed;
                    crossings.add(RMonitorRecords.crossing(car.number, lastLap, car.totalTime));
                    crossed.add(number);
                }
                if (!Double.isNaN(best) && Double.compare(best, car.best) != 0) {
                    car.bestLapNumber = laps;
                    newBest.add(number);
                }
            }
            car.laps = laps;
            car.lastLap = lastLap;
            car.best = best;
            car.position = order.size();
        }
        rankByBestLap(order);
        for (CarEntry car : order) {
            int[] was = before.get(car.number);
            if (was == null || was[0] != car.position || crossed.contains(car.number)) {
                positions.add(RMonitorRecords.racePosition(car.position, car.number, car.laps, car.totalTime));
            }
            if (was == null || was[1] != car.bestPosition || newBest.contains(car.number)) {
                bests.add(RMonitorRecords.practicePosition(car.bestPosition, car.number, car.bestLapNumber, car.best));
            }
        }
        List<String> out = new ArrayList<>(definitions);
        out.addAll(crossings);
        out.addAll(positions);
        out.addAll(bests);
        if (flagChanged) {
            out.add(heartbeat());
        }
        return out;
    }

    /** Best-lap order: cars with a best lap by that time, then the rest in classification order. */
    private static void rankByBestLap(List<CarEntry> order) {
        List<CarEntry> ranked = new ArrayList<>(order);
        ranked.sort(Comparator.comparingDouble((CarEntry c) -> Double.isNaN(c.best) ? Double.MAX_VALUE : c.best)
                .thenComparingInt(c -> c.position));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).bestPosition = i + 1;
        }
    }

    /** Everything a receiver that just connected needs, in the order the protocol describes. */
    List<String> fullSnapshot() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        List<String> out = new ArrayList<>();
        out.add(RMonitorRecords.init(now.toLocalTime(), now.toLocalDate()));
        if (uuid == null) {
            return out;
        }
        for (CarEntry car : cars.values()) {
            out.addAll(competitorRecords(car));
        }
        out.add(RMonitorRecords.run(runNumber(uuid), runDescription));
        classes.forEach((name, nr) -> out.add(RMonitorRecords.clazz(nr, name)));
        List<CarEntry> byPosition = new ArrayList<>(cars.values());
        byPosition.sort(Comparator.comparingInt(c -> c.position));
        for (CarEntry car : byPosition) {
            out.add(RMonitorRecords.racePosition(car.position, car.number, car.laps, car.totalTime));
        }
        byPosition.sort(Comparator.comparingInt(c -> c.bestPosition));
        for (CarEntry car : byPosition) {
            out.add(RMonitorRecords.practicePosition(car.bestPosition, car.number, car.bestLapNumber, car.best));
        }
        out.add(heartbeat());
        return out;
    }

    /** {@code $F} with the session clocks run on from the last state while the session is running. */
    String heartbeat() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        double since = CLOCK_RUNS.contains(flag) ? Math.max(0, (clock.millis() - stateAtMillis) / 1000.0) : 0;
        double elapsed = Double.isNaN(timeElapsed) ? 0 : timeElapsed + since;
        double remain = Double.isNaN(timeRemain) ? 0 : timeRemain - since;
        int lapsToGo = lapsRemain >= 0 ? lapsRemain : TIMED_RACE_LAPS_TO_GO;
        return RMonitorRecords.heartbeat(lapsToGo, remain, now.toLocalTime(), elapsed, RMonitorRecords.flag(flag));
    }

    private static List<String> competitorRecords(CarEntry car) {
        return List.of(
                RMonitorRecords.competitor(car.number, car.number, 0, car.first, car.last, "", car.classNr),
                RMonitorRecords.compCompetitor(car.number, car.number, car.classNr, car.first, car.last, "", car.team));
    }

    /** "LASTNAME, First" (how WEC-style feeds write drivers) or "First Last". */
    static String[] splitDriver(String driver) {
        String d = driver.trim();
        int comma = d.indexOf(',');
        if (comma >= 0) {
            return new String[] {d.substring(comma + 1).trim(), d.substring(0, comma).trim()};
        }
        int space = d.lastIndexOf(' ');
        if (space > 0) {
            return new String[] {d.substring(0, space).trim(), d.substring(space + 1).trim()};
        }
        return new String[] {"", d};
    }

    /** Same number on every replica for the same session, so receivers see one run. */
    static int runNumber(String uuid) {
        return Math.floorMod(uuid.hashCode(), 9999) + 1;
    }

    private static String join(String name, String description) {
        if (name.isEmpty()) {
            return description;
        }
        return description.isEmpty() ? name : name + " - " + description;
    }
}
