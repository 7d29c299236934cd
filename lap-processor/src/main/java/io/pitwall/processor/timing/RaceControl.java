package io.pitwall.processor.timing;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.lap.Micros;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The race-control actions of one session, kept as a set in a total order (time, then content), so that
 * what they mean does not depend on the order they arrived in.
 */
public final class RaceControl {

    private static final Comparator<SessionControl> ORDER = Comparator
            .comparing(SessionControl::getAt)
            .thenComparing(c -> c.getAction().ordinal())
            .thenComparing(c -> c.getFlag() == null ? -1 : c.getFlag().ordinal())
            .thenComparing(c -> Objects.toString(c.getCarNumber(), ""))
            .thenComparing(c -> Objects.toString(c.getMessage(), ""))
            .thenComparing(c -> Objects.toString(c.getIssuedBy(), ""));

    private final TreeSet<SessionControl> controls = new TreeSet<>(ORDER);
    /** What the actions mean, derived once per new action: the timing model asks for it on every passing. */
    private Derived derived = Derived.of(controls);

    /** Adds an action; returns false when the same action was already known. */
    public boolean add(SessionControl control) {
        if (!controls.add(control)) {
            return false;
        }
        derived = Derived.of(controls);
        return true;
    }

    public List<SessionControl> all() {
        return List.copyOf(controls);
    }

    /** When race control started the session, if it did. */
    public OptionalLong startMicros() {
        return derived.start;
    }

    /** When the session was stopped, if it was. */
    public OptionalLong stopMicros() {
        return derived.stop;
    }

    /** The first chequered flag shown by hand (a CHEQUERED flag or a STOP). */
    public OptionalLong manualChequeredMicros() {
        return derived.manualChequered;
    }

    /** The latest flag race control set (FLAG, or START/STOP carrying one); a START alone means green. */
    public Flag latestFlag() {
        return derived.latestFlag;
    }

    /** Car number → time of its (first) retirement. */
    public Map<String, Long> retirements() {
        return derived.retirements;
    }

    private record Derived(OptionalLong start, OptionalLong stop, OptionalLong manualChequered, Flag latestFlag,
                           Map<String, Long> retirements) {

        static Derived of(TreeSet<SessionControl> controls) {
            OptionalLong start = OptionalLong.empty();
            OptionalLong stop = OptionalLong.empty();
            OptionalLong manualChequered = OptionalLong.empty();
            Flag flag = null;
            Map<String, Long> retired = new HashMap<>();
            for (SessionControl control : controls) {
                ControlAction action = control.getAction();
                long at = Micros.of(control.getAt());
                if (action == ControlAction.START && start.isEmpty()) {
                    start = OptionalLong.of(at);
                }
                if (action == ControlAction.STOP && stop.isEmpty()) {
                    stop = OptionalLong.of(at);
                }
                boolean chequered = action == ControlAction.STOP
                        || (action == ControlAction.FLAG && control.getFlag() == Flag.CHEQUERED);
                if (chequered && manualChequered.isEmpty()) {
                    manualChequered = OptionalLong.of(at);
                }
                if (control.getFlag() != null && action != ControlAction.MESSAGE
                        && action != ControlAction.PENALTY && action != ControlAction.RETIREMENT) {
                    flag = control.getFlag();
                } else if (action == ControlAction.START) {
                    flag = Flag.GREEN;
                }
                if (action == ControlAction.RETIREMENT && control.getCarNumber() != null) {
                    retired.putIfAbsent(control.getCarNumber(), at);
                }
            }
            return new Derived(start, stop, manualChequered, flag, Collections.unmodifiableMap(retired));
        }
    }
}
