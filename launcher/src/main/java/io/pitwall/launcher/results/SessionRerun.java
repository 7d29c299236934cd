package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.SessionSnapshot;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.processor.timing.TimingUpdate;
import io.pitwall.processor.timing71.Timing71Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lap processor's timing engine run again over a recorded session's inputs, in session time: inputs are fed
 * in the order of their own time (passing time, race-control time) and the screen is rendered at whatever instants
 * the caller steps to. Results are a pure function of the inputs (lap-processor README, "Determinism"), so the laps
 * and classification at the end are the ones the live service computed; only the message log depends on when
 * screens were rendered.
 */
public final class SessionRerun {

    private final RecordedSession recorded;
    private final TimingSession session;
    private final Timing71Service timing71 = new Timing71Service();
    private final List<Input> inputs = new ArrayList<>();
    private int next;

    private record Input(Instant at, Passing passing, SessionControl control) {
    }

    public SessionRerun(RecordedSession recorded) {
        this.recorded = recorded;
        this.session = new TimingSession(recorded.config());
        for (Passing p : recorded.passings()) {
            inputs.add(new Input(p.getPassingTime(), p, null));
        }
        for (SessionControl c : recorded.controls()) {
            inputs.add(new Input(c.getAt(), null, c));
        }
        // stable: equal times keep Kafka order; race control first so a START at the same instant precedes crossings
        inputs.sort(Comparator.comparing(Input::at).thenComparing(i -> i.control() == null));
    }

    /** When the first input happened, or the configuration time for a session with none. */
    public Instant firstInput() {
        return inputs.isEmpty() ? recorded.config().getUpdatedAt() : inputs.get(0).at();
    }

    /** When the last input happened. */
    public Instant lastInput() {
        return inputs.isEmpty() ? recorded.config().getUpdatedAt() : inputs.get(inputs.size() - 1).at();
    }

    /** Applies every input up to and including {@code time}. */
    public void advanceTo(Instant time) {
        while (next < inputs.size() && !inputs.get(next).at().isAfter(time)) {
            Input input = inputs.get(next++);
            if (input.passing() != null) {
                changed(session.addPassing(input.passing()));
            } else {
                TimingUpdate update = session.addControl(input.control());
                if (update.accepted()) {
                    timing71.onControl(input.control());
                }
                changed(update);
            }
        }
    }

    private void changed(TimingUpdate update) {
        if (!update.changes().isEmpty()) {
            timing71.onLapChanges(update.changes());
        }
    }

    /** Applies every input. */
    public void advanceToEnd() {
        advanceTo(Instant.MAX);
    }

    public SessionSnapshot snapshot(Instant now) {
        return session.snapshot(now);
    }

    /** The Timing71 state at {@code now}, its messages generated against the previous rendering. */
    public ObjectNode render(SessionSnapshot snapshot) {
        return timing71.render(snapshot);
    }

    /** The messages the last {@link #render} added to the log, oldest first. */
    public List<io.pitwall.processor.timing71.Timing71Message> freshMessages() {
        return timing71.freshMessages();
    }

    public TimingSession session() {
        return session;
    }

    public RecordedSession recorded() {
        return recorded;
    }
}
