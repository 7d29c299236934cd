package io.pitwall.processor.bench;

import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.TimingOptions;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.processor.timing.TimingUpdate;
import io.pitwall.processor.timing71.Timing71Service;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The timing engine's hot path for one live passing, without Kafka: the timing model taking the passing, and the
 * Timing71 state a live venue publishes after it (snapshot, messages, JSON). Live, a venue gets a few passings a
 * second, fewer than the state pacing allows, so every passing is followed by a rendered state; this is what
 * turns a stall of the machine into a longer latency tail (the backlog after a stall is worked off at this cost
 * per passing).
 *
 * <p>{@code addPassing*} walk through whole generated sessions passing by passing (a fresh session, built outside
 * the measurement, when one is used up), so their figure is the average over a session's life; {@code
 * *MidRace} work on a session frozen half-way.
 *
 * <pre>
 * ./mvnw -q -B -o -pl lap-processor test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main LivePassingBenchmark -prof gc"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class LivePassingBenchmark {

    /**
     * A cursor through generated passings: the sessions that take them are built afresh (outside the measured time)
     * once they are all used up.
     */
    public abstract static class Cursor {

        List<Passing> passings;
        int next;

        @Setup(Level.Invocation)
        public void freshWhenUsedUp() {
            if (next == passings.size()) {
                fresh();
            }
        }

        Passing nextPassing() {
            return passings.get(next++);
        }

        /** New sessions for the passings, and the cursor back at the first. */
        abstract void fresh();
    }

    /** One generated session and a cursor through its passings. */
    @State(Scope.Thread)
    public static class Live extends Cursor {

        @Param({"20", "30"})
        int cars;

        /** Laps of the race: {@code -p laps=400} shows how the costs grow with a long session. */
        @Param({"40"})
        int laps;

        RaceTimeline race;
        TimingSession session;
        Timing71Service service;

        @Setup(Level.Trial)
        public void generate() {
            AvroTrust.trustPitwallPackages();
            race = new BenchSessions(1, cars, laps).races.get(0);
            passings = race.passings();
            fresh();
        }

        @Override
        void fresh() {
            session = newSession(race);
            service = new Timing71Service();
            next = 0;
        }
    }

    /**
     * Many venues' sessions taking their passings interleaved by passing time, as one lap-processor task takes them
     * in a replay or a busy championship day: each passing meets its car's data as it was left some
     * {@code venues × cars} passings earlier, no longer in the processor's caches. {@code venues=1} is the same work
     * on one hot session.
     */
    @State(Scope.Thread)
    public static class Interleaved extends Cursor {

        @Param({"1", "200"})
        int venues;

        List<RaceTimeline> races;
        Map<String, TimingSession> sessions;

        @Setup(Level.Trial)
        public void generate() {
            AvroTrust.trustPitwallPackages();
            BenchSessions generated = new BenchSessions(venues, 30, 40);
            races = generated.races;
            passings = generated.interleaved();
            fresh();
        }

        @Override
        void fresh() {
            sessions = new HashMap<>();
            for (RaceTimeline race : races) {
                sessions.put(race.scenario().venueId(), newSession(race));
            }
            next = 0;
        }
    }

    /** A session stopped half-way through its passings. */
    @State(Scope.Thread)
    public static class MidRace {

        @Param({"20", "30"})
        int cars;

        @Param({"40"})
        int laps;

        TimingSession session;
        Timing71Service service;
        Instant now;

        @Setup(Level.Trial)
        public void generate() {
            AvroTrust.trustPitwallPackages();
            RaceTimeline race = new BenchSessions(1, cars, laps).races.get(0);
            List<Passing> passings = race.passings();
            session = newSession(race);
            service = new Timing71Service();
            for (Passing passing : passings.subList(0, passings.size() / 2)) {
                TimingUpdate update = session.addPassing(passing);
                service.onLapChanges(update.changes());
                now = passing.getPassingTime().plus(Duration.ofMillis(5));
                service.renderJson(session.snapshot(now));
            }
        }
    }

    private static TimingSession newSession(RaceTimeline race) {
        TimingSession session = new TimingSession(race.sessionConfig(), new TimingOptions(Duration.ofMinutes(2)));
        for (SessionControl control : race.controls()) {
            session.addControl(control);
        }
        return session;
    }

    /** The timing model alone: dedupe, ghost reads, laps and sectors, corrections. */
    @Benchmark
    public TimingUpdate addPassing(Live live) {
        return live.session.addPassing(live.nextPassing());
    }

    /** The timing model alone, passings of many venues interleaved (30 cars, 40 laps each). */
    @Benchmark
    @Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
    public TimingUpdate addPassingInterleaved(Interleaved interleaved) {
        Passing passing = interleaved.nextPassing();
        return interleaved.sessions.get(passing.getVenueId()).addPassing(passing);
    }

    /** What the timing processor does for a live passing: the model, then the venue's state as JSON text. */
    @Benchmark
    public String addPassingAndRenderState(Live live) {
        Passing passing = live.nextPassing();
        TimingUpdate update = live.session.addPassing(passing);
        live.service.onLapChanges(update.changes());
        return live.service.renderJson(live.session.snapshot(passing.getPassingTime().plusMillis(5)));
    }

    /** The screen of a running session: classification, gaps, sector views, statuses. */
    @Benchmark
    public Object snapshotMidRace(MidRace mid) {
        return mid.session.snapshot(mid.now);
    }

    /** A state of a running session, when nothing changed since the previous one (no new messages). */
    @Benchmark
    public String snapshotAndRenderMidRace(MidRace mid) {
        return mid.service.renderJson(mid.session.snapshot(mid.now));
    }
}
