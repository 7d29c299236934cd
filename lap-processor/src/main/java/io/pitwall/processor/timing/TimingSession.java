package io.pitwall.processor.timing;

import io.pitwall.events.Flag;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.StopKind;
import io.pitwall.processor.timing.classification.ClassifiedCar;
import io.pitwall.processor.timing.classification.Classifier;
import io.pitwall.processor.timing.classification.Standing;
import io.pitwall.processor.timing.lap.CarLaps;
import io.pitwall.processor.timing.lap.Crossing;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.processor.timing.lap.LapCalculator;
import io.pitwall.processor.timing.lap.LineResolver;
import io.pitwall.processor.timing.lap.Micros;
import io.pitwall.processor.timing.lap.PassingKey;
import io.pitwall.processor.timing.lap.TrackLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The timing model of one session: configuration, race-control actions and the set of passings in; laps,
 * lap changes and the timing screen out.
 *
 * <p>Everything published is a pure function of the sets of inputs: each car's laps are recomputed from its
 * crossings in their total order (passing time, then stream/epoch/sequence), best-lap flags are assigned in
 * finish-time order over all cars, and the chequered flag follows from the stop rule and race control. A
 * passing, control or configuration that arrives late therefore leads to the same laps as if it had arrived
 * in time; what it changes is reported as {@link LapChange}s (the difference between the laps published
 * before and after). Wall-clock time enters only through the {@code now} of {@link #snapshot(Instant)}, for
 * the session clock and STOP detection.
 *
 * <p>An update only re-examines laps finishing at or after the earliest time it can affect, so a live
 * session costs one car's recalculation per passing, not the whole field's. Not thread-safe: one venue's
 * events are processed by one thread.
 */
public final class TimingSession {

    private final String venueId;
    private final TimingOptions options;
    private final RaceControl raceControl = new RaceControl();
    private final PassingArchive passings = new PassingArchive();
    private final TreeMap<String, CarTrack> cars = new TreeMap<>();
    /** The same cars in a list: iterated for every passing, where walking the tree cost more than the work. */
    private final List<CarTrack> carList = new ArrayList<>();
    /** A car was added since every car's run was last made: the next recalculation makes the missing ones. */
    private boolean runsMissing;
    /**
     * The earliest accepted crossing of any car (Long.MAX_VALUE for none): the session's start without race
     * control's START. Kept up to date by each recalculation from the cars it walked, so that a passing does not
     * read every car's crossings for it.
     */
    private long earliestAcceptedMicros = Long.MAX_VALUE;
    private final Map<String, CarTrack> carByTransponder = new HashMap<>();
    /**
     * Each car number's published laps, in a slot its car holds too: the car of a passing reads and replaces its laps
     * without a lookup. A number keeps its slot while it has laps or a car; a slot without laps holds NONE.
     */
    private final Map<String, PublishedSlot> published = new HashMap<>();
    private SessionConfig config;
    private TrackLimits limits;
    private LineResolver lineResolver;
    private EntryList entryList;
    private long chequeredMicros = FinishRule.NOT_YET;
    private long duplicatePassings;
    /** The cars were rebuilt from a new configuration since the last publication (car numbers may have gone). */
    private boolean carsRebuilt;
    /** Ghost reads over all cars' current walks. */
    private int ghostReads;
    /** The latest finish of any published lap, and the best valid published lap time (both over all cars). */
    private long publishedLatestFinish = Long.MIN_VALUE;
    private long publishedBestValid = Long.MAX_VALUE;
    /** Every car's laps as the lap calculator made them, without a list per call. */
    private final Iterable<CarLaps> rawLaps = () -> new java.util.Iterator<>() {
        private final java.util.Iterator<CarTrack> cars = carList.iterator();

        @Override
        public boolean hasNext() {
            return cars.hasNext();
        }

        @Override
        public CarLaps next() {
            return cars.next().raw;
        }
    };

    public TimingSession(SessionConfig config, TimingOptions options) {
        this.venueId = Objects.requireNonNull(config, "config").getVenueId();
        this.options = Objects.requireNonNull(options, "options");
        applyConfig(config);
    }

    public TimingSession(SessionConfig config) {
        this(config, TimingOptions.defaults());
    }

    public SessionConfig config() {
        return config;
    }

    public String sessionId() {
        return config.getSessionId();
    }

    // ------------------------------------------------------------------ inputs

    /** Adds one passing. A passing already known (same stream, epoch and sequence) is counted and ignored. */
    public TimingUpdate addPassing(Passing passing) {
        return addPassing(passing, null);
    }

    /**
     * {@link #addPassing(Passing)} for a caller that has already encoded the passing with
     * {@link io.pitwall.processor.codec.AvroBytes} (the session keeps passings in that form): it is not encoded again.
     *
     * @param avro the passing's Avro binary, or null to have it encoded here
     */
    public TimingUpdate addPassing(Passing passing, byte[] avro) {
        if (!venueId.equals(passing.getVenueId())) {
            return TimingUpdate.ignored();
        }
        Crossing crossing = lineResolver.resolve(passing);
        if (passings.contains(crossing.key())) {
            return addPassings(List.of(passing)); // a duplicate, perhaps a different version of it
        }
        // the live case, once per passing: no batch bookkeeping
        if (avro == null) {
            passings.put(crossing.key(), passing);
        } else {
            passings.put(crossing.key(), avro);
        }
        CarTrack car = carOf(crossing);
        String cause = car.add(crossing) ? "late passing inserted (" + describe(passing) + ")" : null;
        return new TimingUpdate(true, recalculate(List.of(car), crossing.timeMicros(), cause));
    }

    /** Adds passings in one go (replay, restore): the laps are recalculated once. */
    public TimingUpdate addPassings(Collection<Passing> batch) {
        Map<CarTrack, Long> dirty = new LinkedHashMap<>();
        Passing late = null;
        for (Passing passing : batch) {
            if (!venueId.equals(passing.getVenueId())) {
                continue;
            }
            Crossing crossing = lineResolver.resolve(passing);
            PassingKey key = crossing.key();
            Passing known = passings.get(key);
            if (known != null) {
                duplicatePassings++;
                if (known.equals(passing) || canonicalOrder().compare(known, passing) <= 0) {
                    continue;
                }
                // same identity, different content: keep one canonical version whatever the arrival order
                Crossing replaced = lineResolver.resolve(known);
                CarTrack previousCar = carOf(replaced);
                previousCar.timeline.remove(replaced);
                previousCar.rewalk = true;
                dirty.merge(previousCar, replaced.timeMicros(), Math::min);
            }
            passings.put(key, passing);
            CarTrack car = carOf(crossing);
            if (car.add(crossing)) {
                late = passing;
            }
            dirty.merge(car, crossing.timeMicros(), Math::min);
        }
        if (dirty.isEmpty()) {
            return TimingUpdate.ignored();
        }
        long from = dirty.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        String cause = late == null ? null : "late passing inserted (" + describe(late) + ")";
        return new TimingUpdate(true, recalculate(dirty.keySet(), from, cause));
    }

    /** Adds a race-control action. Actions for another session are ignored. */
    public TimingUpdate addControl(SessionControl control) {
        if (!venueId.equals(control.getVenueId())
                || (control.getSessionId() != null && !control.getSessionId().equals(sessionId()))
                || !raceControl.add(control)) {
            return TimingUpdate.ignored();
        }
        return new TimingUpdate(true, recalculate(List.of(), FinishRule.NOT_YET, "race control " + control.getAction()));
    }

    /**
     * Replaces the session configuration (corrected minimums, transponders moved, cars added...) and
     * recalculates the whole session from its passings. A configuration of another session is refused: that
     * is a new {@code TimingSession}.
     */
    public TimingUpdate reconfigure(SessionConfig newConfig) {
        if (!venueId.equals(newConfig.getVenueId()) || !sessionId().equals(newConfig.getSessionId())) {
            throw new IllegalArgumentException("configuration of another session: " + newConfig.getVenueId()
                    + "/" + newConfig.getSessionId());
        }
        if (newConfig.equals(config)) {
            return TimingUpdate.ignored();
        }
        applyConfig(newConfig);
        return new TimingUpdate(true, recalculate(cars.values(), Long.MIN_VALUE, "session configuration changed"));
    }

    private void applyConfig(SessionConfig newConfig) {
        config = newConfig;
        limits = TrackLimits.of(newConfig);
        lineResolver = new LineResolver(newConfig);
        entryList = new EntryList(newConfig);
        cars.clear();
        carList.clear();
        carByTransponder.clear();
        earliestAcceptedMicros = Long.MAX_VALUE;
        carsRebuilt = true;
        ghostReads = 0;
        Map<CarTrack, List<Crossing>> byCar = new HashMap<>();
        for (Passing passing : passings.all()) {
            Crossing crossing = lineResolver.resolve(passing);
            byCar.computeIfAbsent(carOf(crossing), car -> new ArrayList<>()).add(crossing);
        }
        byCar.forEach((car, crossings) -> car.timeline.addAll(crossings));
    }

    private CarTrack carOf(Crossing crossing) {
        CarTrack known = carByTransponder.get(crossing.transponder());
        if (known != null) {
            return known;
        }
        CarIdentity identity = entryList.carOf(crossing.transponder(), null);
        CarTrack car = cars.computeIfAbsent(identity.carNumber(), n -> {
            CarTrack added = new CarTrack(identity, published.computeIfAbsent(n, number -> new PublishedSlot()));
            carList.add(added);
            runsMissing = true;
            return added;
        });
        carByTransponder.put(crossing.transponder(), car);
        return car;
    }

    // ------------------------------------------------------------------ recalculation

    private List<LapChange> recalculate(Collection<CarTrack> dirtyCars, long changedFrom, String cause) {
        Set<CarTrack> dirty = new HashSet<>(dirtyCars);
        boolean earliestMayBeLater = false;
        for (CarTrack car : dirty) {
            ghostReads -= car.raw.ghostReads();
            car.raw = car.walk();
            ghostReads += car.raw.ghostReads();
            car.refreshUnknownIdentity();
            long before = car.firstAcceptedMicros;
            car.firstAcceptedMicros = car.raw.accepted().isEmpty() ? Long.MAX_VALUE : car.raw.accepted().get(0).timeMicros();
            earliestAcceptedMicros = Math.min(earliestAcceptedMicros, car.firstAcceptedMicros);
            earliestMayBeLater |= before == earliestAcceptedMicros && car.firstAcceptedMicros > before;
        }
        if (earliestMayBeLater) {
            // the car holding the earliest crossing lost it. Today's rules cannot do that (a car loses a crossing
            // only to an earlier version of the same passing, which then starts the session); this keeps the start
            // right should a rule ever move a car's first accepted crossing later
            earliestAcceptedMicros = Long.MAX_VALUE;
            for (CarTrack car : carList) {
                earliestAcceptedMicros = Math.min(earliestAcceptedMicros, car.firstAcceptedMicros);
            }
        }
        long from = changedFrom;
        long chequered = FinishRule.chequeredMicros(config, raceControl, rawLaps, sessionStartMicros());
        boolean chequeredMoved = chequered != chequeredMicros;
        if (chequeredMoved) {
            from = Math.min(from, Math.min(chequered, chequeredMicros));
            chequeredMicros = chequered;
        }
        // every car's run depends on the chequered flag; otherwise only the walked cars' runs changed
        Collection<CarTrack> rerun = chequeredMoved || runsMissing ? carList : dirty;
        for (CarTrack car : rerun) {
            if (car.run == null || chequeredMoved || dirty.contains(car)) {
                car.run = CarRun.of(car.raw, chequeredMicros, car.status);
            }
        }
        runsMissing = false;
        String reason = cause != null ? cause : chequeredMoved ? "chequered flag" : null;
        return publish(from, reason, chequeredMoved ? null : dirty);
    }

    /**
     * Publishes the laps of every car from {@code from} on: best-lap flags assigned in finish-time order, then
     * the difference to what was published before.
     *
     * @param changedCars the cars whose laps may have changed, or null for all (the chequered flag moved); the
     *                    laps of any other car are the ones published, flags aside
     */
    private List<LapChange> publish(long from, String cause, Set<CarTrack> changedCars) {
        if (changedCars != null && changedCars.size() == 1 && !carsRebuilt && from > publishedLatestFinish) {
            List<LapChange> appended = publishAppended(changedCars.iterator().next(), from, cause);
            if (appended != null) {
                return appended;
            }
        }
        List<LapChange> changes = publishFrom(from, cause, changedCars);
        publishedLatestFinish = Long.MIN_VALUE;
        publishedBestValid = Long.MAX_VALUE;
        for (PublishedSlot slot : published.values()) {
            PublishedLaps laps = slot.laps;
            List<Lap> list = laps.laps();
            if (list.isEmpty()) {
                continue;
            }
            publishedLatestFinish = Math.max(publishedLatestFinish, list.get(list.size() - 1).finishMicros());
            publishedBestValid = Math.min(publishedBestValid, laps.bestValidAmongFirst(list.size()));
        }
        return changes;
    }

    /**
     * The common case, once per passing: one car changed, and only after every lap published so far finished,
     * so nothing published can change and only that car's new laps are flagged — against the bests so far.
     * Gives exactly what {@link #publishFrom} gives then, without walking every car.
     *
     * @return the changes, or null when the case does not apply after all
     */
    private List<LapChange> publishAppended(CarTrack car, long from, String cause) {
        String number = car.identity.carNumber();
        List<Lap> laps = car.run.laps();
        PublishedLaps before = car.published.laps;
        int first = before.laps().size();
        if (laps.size() < first || !samePrefix(before, laps, first)
                || (first < laps.size() && laps.get(first).finishMicros() < from)) {
            return null;
        }
        if (first == laps.size()) {
            return List.of();
        }
        long carBest = before.bestValidAmongFirst(first);
        List<Lap> tail = new ArrayList<>(laps.size() - first);
        for (int i = first; i < laps.size(); i++) {
            Lap lap = laps.get(i);
            boolean personalBest = lap.isValid() && lap.lapTimeMicros() < carBest;
            boolean overallBest = lap.isValid() && lap.lapTimeMicros() < publishedBestValid;
            if (personalBest) {
                carBest = lap.lapTimeMicros();
            }
            if (overallBest) {
                publishedBestValid = lap.lapTimeMicros();
            }
            publishedLatestFinish = Math.max(publishedLatestFinish, lap.finishMicros());
            tail.add(lap.withBestFlags(personalBest, overallBest));
        }
        List<LapChange> changes = new ArrayList<>(tail.size());
        LapDiff.between(number, List.of(), tail, cause, changes);
        car.published.laps = before.append(tail);
        return changes;
    }

    private List<LapChange> publishFrom(long from, String cause, Set<CarTrack> changedCars) {
        Set<String> numbers = cars.keySet();
        // a car with published laps can only have gone (moved to another number) with a new configuration
        if (carsRebuilt) {
            Set<String> withLaps = numbersWithLaps();
            if (!numbers.containsAll(withLaps)) {
                numbers = new TreeSet<>(cars.keySet());
                numbers.addAll(withLaps);
            }
        }
        // this runs for every passing: per car only what the common case needs, in arrays rather than maps
        int[] firsts = new int[numbers.size()];
        PublishedLaps[] befores = new PublishedLaps[numbers.size()];
        Map<String, Integer> tailCars = new HashMap<>();
        long sessionBest = Long.MAX_VALUE;
        List<TailLap> tail = new ArrayList<>();
        int index = 0;
        for (String number : numbers) {
            CarTrack car = cars.get(number);
            List<Lap> laps = car == null ? List.of() : car.run.laps();
            PublishedLaps before = publishedLaps(number);
            // usually 'from' is the newest crossing and no lap finishes after it: no search needed
            int first = laps.isEmpty() || laps.get(laps.size() - 1).finishMicros() < from
                    ? laps.size() : FinishLineCrossings.lapsFinishedBefore(laps, from);
            boolean mayHaveChanged = changedCars == null || car == null || changedCars.contains(car);
            if (mayHaveChanged && !samePrefix(before, laps, first)) {
                // cannot happen while laps before 'from' are unaffected; recover by republishing everything
                return publishFrom(Long.MIN_VALUE, cause, null);
            }
            firsts[index] = first;
            befores[index] = before;
            sessionBest = Math.min(sessionBest, before.bestValidAmongFirst(first));
            if (first < laps.size()) {
                tailCars.put(number, index);
                for (int i = first; i < laps.size(); i++) {
                    tail.add(new TailLap(number, laps.get(i)));
                }
            }
            index++;
        }
        tail.sort(TailLap.ORDER);
        Map<String, Long> carBest = new HashMap<>();
        Map<String, List<Lap>> flaggedTails = new HashMap<>();
        for (TailLap entry : tail) {
            Lap lap = entry.lap();
            long best = carBest.computeIfAbsent(entry.carNumber(), n -> {
                int at = tailCars.get(n);
                return befores[at].bestValidAmongFirst(firsts[at]);
            });
            boolean personalBest = lap.isValid() && lap.lapTimeMicros() < best;
            boolean overallBest = lap.isValid() && lap.lapTimeMicros() < sessionBest;
            if (personalBest) {
                carBest.put(entry.carNumber(), lap.lapTimeMicros());
            }
            if (overallBest) {
                sessionBest = lap.lapTimeMicros();
            }
            flaggedTails.computeIfAbsent(entry.carNumber(), n -> new ArrayList<>())
                    .add(lap.withBestFlags(personalBest, overallBest));
        }
        List<LapChange> changes = new ArrayList<>();
        index = 0;
        for (String number : numbers) {
            PublishedLaps before = befores[index];
            int first = firsts[index++];
            List<Lap> newTail = flaggedTails.getOrDefault(number, List.of());
            if (newTail.isEmpty() && before.laps().size() == first) {
                continue;
            }
            List<Lap> oldTail = before.laps().subList(first, before.laps().size());
            LapDiff.between(number, oldTail, newTail, cause, changes);
            List<Lap> now = new ArrayList<>(before.laps().subList(0, first));
            now.addAll(newTail);
            if (now.isEmpty()) {
                if (!cars.containsKey(number)) {
                    published.remove(number);
                } else {
                    published.get(number).laps = PublishedLaps.NONE;
                }
            } else {
                published.computeIfAbsent(number, n -> new PublishedSlot()).laps = PublishedLaps.of(now);
            }
        }
        carsRebuilt = false;
        return changes;
    }

    private static boolean samePrefix(PublishedLaps before, List<Lap> laps, int first) {
        if (before.laps().size() < first) {
            return false;
        }
        return first == 0 || before.laps().get(first - 1).equalsIgnoringBestFlags(laps.get(first - 1));
    }

    /** Race control's START, or else the earliest accepted crossing of the session. */
    private OptionalLong sessionStartMicros() {
        OptionalLong start = raceControl.startMicros();
        if (start.isPresent()) {
            return start;
        }
        return earliestAcceptedMicros == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliestAcceptedMicros);
    }

    // ------------------------------------------------------------------ queries

    /** The published laps of a car (by car number), with best-lap flags. */
    public List<Lap> laps(String carNumber) {
        return publishedLaps(carNumber).laps();
    }

    /** Every car's published laps, by car number. */
    public Map<String, List<Lap>> allLaps() {
        Map<String, List<Lap>> all = new TreeMap<>();
        published.forEach((number, slot) -> {
            if (!slot.laps.laps().isEmpty()) {
                all.put(number, slot.laps.laps());
            }
        });
        return all;
    }

    private PublishedLaps publishedLaps(String carNumber) {
        PublishedSlot slot = published.get(carNumber);
        return slot == null ? PublishedLaps.NONE : slot.laps;
    }

    private Set<String> numbersWithLaps() {
        Set<String> numbers = new HashSet<>();
        published.forEach((number, slot) -> {
            if (!slot.laps.laps().isEmpty()) {
                numbers.add(number);
            }
        });
        return numbers;
    }

    /** Passings that were delivered more than once. */
    public long duplicatePassings() {
        return duplicatePassings;
    }

    /** Ghost reads ignored over all cars. */
    public int ghostReads() {
        return ghostReads;
    }

    /** Number of distinct passings held. */
    public int passingCount() {
        return passings.size();
    }

    /**
     * When the chequered flag falls or fell, as far as the inputs say (it may still be ahead of the wall
     * clock: see {@link #chequeredBy(long)}). Laps are cut at each car's finish from this time.
     */
    public OptionalLong chequeredMicros() {
        return chequeredMicros == FinishRule.NOT_YET ? OptionalLong.empty() : OptionalLong.of(chequeredMicros);
    }

    public List<SessionControl> controls() {
        return raceControl.all();
    }

    /**
     * Whether the session clock is running: the session has started (race control's START or a first accepted
     * crossing) and race control has not stopped it. The chequered flag does not stop the clock.
     */
    public boolean clockRunning() {
        return raceControl.stopMicros().isEmpty() && sessionStartMicros().isPresent();
    }

    /** The timing screen at {@code now} (used only for the session clock and STOP detection). */
    public SessionSnapshot snapshot(Instant now) {
        long nowMicros = Micros.of(now);
        long stoppedAfter = options.carStoppedAfter().toNanos() / 1_000L;
        Map<String, Long> retired = raceControl.retirements();
        Map<String, CarIdentity> identities = new LinkedHashMap<>();
        for (CarIdentity entry : entryList.entries()) {
            identities.put(entry.carNumber(), entry);
        }
        for (CarTrack car : cars.values()) {
            identities.put(car.identity.carNumber(), car.identity);
        }
        Map<String, CarRun> runs = new HashMap<>();
        List<Standing> standings = new ArrayList<>();
        for (CarIdentity identity : identities.values()) {
            CarTrack car = cars.get(identity.carNumber());
            CarRun run = car == null ? CarRun.of(CarLaps.empty(), FinishRule.NOT_YET) : car.run;
            runs.put(identity.carNumber(), run);
            PublishedLaps laps = publishedLaps(identity.carNumber());
            Lap best = laps.best();
            long[] finishLine = laps.laps().isEmpty()
                    ? FinishLineCrossings.of(List.of(), run.timingStartMicros()) : laps.finishLine();
            standings.add(new Standing(identity.carNumber(), identity.className(), finishLine,
                    best == null ? null : best.lapTimeMicros(), best == null ? 0L : best.finishMicros()));
        }
        List<ClassifiedCar> classified = Classifier.classify(config.getType(), config.getResultsOrderedByTotalTime(),
                standings);
        int sectorCount = limits.sectorCount() > 1 ? limits.sectorCount() : 0;
        List<CarSnapshot> rows = new ArrayList<>(classified.size());
        Long sessionBestLap = null;
        Long[] sessionBestSectors = new Long[sectorCount];
        int leaderLaps = 0;
        for (ClassifiedCar place : classified) {
            String number = place.standing().carNumber();
            CarRun run = runs.get(number);
            PublishedLaps carLaps = publishedLaps(number);
            List<Lap> laps = carLaps.laps();
            Lap last = laps.isEmpty() ? null : laps.get(laps.size() - 1);
            Lap best = carLaps.best();
            SectorView sectors = SectorView.of(sectorCount, last, run.currentLapSectors(), carLaps.bestSectors());
            for (int s = 0; s < sectorCount; s++) {
                sessionBestSectors[s] = min(sessionBestSectors[s], sectors.best().get(s));
            }
            if (best != null) {
                sessionBestLap = min(sessionBestLap, best.lapTimeMicros());
            }
            leaderLaps = Math.max(leaderLaps, laps.size());
            CarStatus status = CarStatusRule.status(run, retired.get(number), nowMicros, stoppedAfter);
            rows.add(new CarSnapshot(identities.get(number), status, place.position(), place.classPosition(),
                    laps.size(), place.gap(), place.interval(), sectors.shown(), sectors.fromLastLap(),
                    sectors.best(), last, best, run.pitStops(), run.ghostReads(), run.lastCrossingMicros()));
        }
        OptionalLong start = sessionStartMicros();
        // a TIME rule knows its chequered flag from the start: it is shown only once the clock has reached it
        boolean chequered = chequeredBy(nowMicros);
        long end = Math.min(nowMicros, raceControl.stopMicros().orElse(Long.MAX_VALUE));
        long elapsed = start.isPresent() ? Math.max(0, end - start.getAsLong()) : 0;
        Long remaining = null;
        Integer lapsRemaining = null;
        if (config.getStopRule().getKind() == StopKind.TIME) {
            remaining = Math.max(0, config.getStopRule().getValue() * 1_000_000L - elapsed);
        } else if (config.getStopRule().getKind() == StopKind.LAPS) {
            lapsRemaining = chequered ? 0 : (int) Math.max(0, config.getStopRule().getValue() - leaderLaps);
        }
        return new SessionSnapshot(config, nowMicros, flag(start.isPresent(), chequered),
                start.isPresent() ? start.getAsLong() : null, elapsed, remaining, lapsRemaining,
                chequered ? chequeredMicros : null, rows, sessionBestLap, Arrays.asList(sessionBestSectors));
    }

    /**
     * Whether the chequered flag has fallen by {@code nowMicros} (wall clock). The flag's time itself is a
     * function of the inputs ({@link #chequeredMicros()}); a TIME rule without a leader to wait for knows it
     * from the session start, long before it is shown.
     */
    public boolean chequeredBy(long nowMicros) {
        return chequeredMicros != FinishRule.NOT_YET && nowMicros >= chequeredMicros;
    }

    /**
     * When the session ended as of {@code nowMicros}: the chequered flag once it has fallen, or race control's
     * STOP, whichever came first; empty while it runs.
     */
    public OptionalLong endedMicros(long nowMicros) {
        long end = chequeredBy(nowMicros) ? chequeredMicros : Long.MAX_VALUE;
        OptionalLong stop = raceControl.stopMicros();
        if (stop.isPresent()) {
            end = Math.min(end, stop.getAsLong());
        }
        return end == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(end);
    }

    private Flag flag(boolean started, boolean chequered) {
        if (chequered) {
            return Flag.CHEQUERED;
        }
        Flag latest = raceControl.latestFlag();
        if (latest != null) {
            return latest;
        }
        return started ? Flag.GREEN : Flag.NONE;
    }

    private static Long min(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }

    private static String describe(Passing passing) {
        String line = passing.getLine() + (passing.getLineIndex() == null ? "" : " " + passing.getLineIndex());
        return line + " of " + passing.getTransponder() + " at " + passing.getPassingTime();
    }

    /** Orders two versions of one passing so that the same one is kept whatever the arrival order. */
    private static Comparator<Passing> canonicalOrder() {
        return Comparator.comparing(Passing::getPassingTime)
                .thenComparing(Passing::getTransponder)
                .thenComparing(p -> p.getLine().ordinal())
                .thenComparing(p -> Objects.toString(p.getLineIndex(), ""))
                .thenComparing(Passing::toString);
    }

    /** A car's crossings and what was computed from them. */
    private final class CarTrack {
        private CarIdentity identity;
        /** This car number's slot in {@code published}. */
        private final PublishedSlot published;
        private final CrossingTimeline timeline = new CrossingTimeline();
        private CarLaps raw = CarLaps.empty();
        /** The time of the first of {@code raw}'s accepted crossings, Long.MAX_VALUE for none. */
        private long firstAcceptedMicros = Long.MAX_VALUE;
        private CarRun run;
        /** Status and pit stops over the walk's accepted crossings, continued with the walk. */
        private TrackStatusFold status = new TrackStatusFold();
        /** The lap walk over the timeline so far, continued while crossings only come after it. */
        private LapCalculator.Walk walk;
        /** Crossings added at the end of the timeline since the last walk. */
        private final List<Crossing> appended = new ArrayList<>();
        /** A crossing was inserted before others or removed: the walk must start over. */
        private boolean rewalk;

        CarTrack(CarIdentity identity, PublishedSlot published) {
            this.identity = identity;
            this.published = published;
        }

        /**
         * Adds a crossing to the timeline for the next walk.
         *
         * @return whether it is late (a crossing already there comes after it): the walk must start over
         */
        boolean add(Crossing crossing) {
            boolean late = timeline.add(crossing);
            rewalk |= late;
            appended.add(crossing);
            return late;
        }

        /** The laps of the timeline: the walk continued over the appended crossings, or a new one. */
        CarLaps walk() {
            if (walk == null || rewalk) {
                walk = LapCalculator.start(limits);
                status = new TrackStatusFold();
                timeline.forEach(walk::add);
            } else {
                appended.forEach(walk::add);
            }
            appended.clear();
            rewalk = false;
            return walk.result();
        }

        /** Unknown cars show the name their hardware gives the transponder (from the earliest named crossing). */
        void refreshUnknownIdentity() {
            if (identity.onEntryList()) {
                return;
            }
            Crossing named = timeline.firstNamed();
            if (named != null && !List.of(named.name()).equals(identity.drivers())) {
                identity = new CarIdentity(identity.carNumber(), null, null, List.of(named.name()), null, false);
            }
        }
    }

    /** A car number's published laps (NONE for none), shared by {@code published} and the number's car. */
    private static final class PublishedSlot {
        private PublishedLaps laps = PublishedLaps.NONE;
    }

    /** A lap that may change in this update, with its car. */
    private record TailLap(String carNumber, Lap lap) {
        static final Comparator<TailLap> ORDER = Comparator.comparingLong((TailLap t) -> t.lap().finishMicros())
                .thenComparing(TailLap::carNumber)
                .thenComparingInt(t -> t.lap().number());
    }
}
