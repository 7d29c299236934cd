package io.pitwall.launcher.results;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.LapChange;
import io.pitwall.processor.timing.LapEvents;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.simulator.race.RaceTimeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A generated session as Kafka would hold it after the lap processor timed it, built without Kafka: the inputs,
 * and the lap events the engine emits when the passings arrive partly out of order (so that {@code timing.laps}
 * holds corrections and deletions, not only completions).
 */
final class GeneratedSession {

    private GeneratedSession() {
    }

    static RecordedSession recorded(RaceTimeline race, long arrivalSeed) {
        SessionConfig config = race.sessionConfig();
        List<SessionControl> controls = race.controls();
        List<Passing> arrival = locallyShuffled(race.passings(), new Random(arrivalSeed));
        TimingSession live = new TimingSession(config);
        List<LapEvent> events = new ArrayList<>();
        controls.forEach(c -> emit(config, live.addControl(c).changes(), events));
        for (Passing passing : arrival) {
            emit(config, live.addPassing(passing).changes(), events);
        }
        return new RecordedSession(config, config.getUpdatedAt(), null, controls, arrival, events, Optional.empty());
    }

    private static void emit(SessionConfig config, List<LapChange> changes, List<LapEvent> events) {
        for (LapChange change : changes) {
            events.add(LapEvents.of(config.getVenueId(), config.getSessionId(), change));
        }
    }

    /** Swaps neighbours within windows of 8: late passings that the engine must correct laps for. */
    private static List<Passing> locallyShuffled(List<Passing> passings, Random random) {
        List<Passing> out = new ArrayList<>(passings);
        for (int from = 0; from < out.size(); from += 8) {
            Collections.shuffle(out.subList(from, Math.min(out.size(), from + 8)), random);
        }
        return out;
    }
}
