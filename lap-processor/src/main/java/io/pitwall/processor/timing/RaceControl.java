package io.pitwall.processor.timing;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing.lap.Micros;
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

    /** Adds an action; returns false when the same action was already known. */
    public boolean add(SessionControl control) {
        return controls.add(control);
    }

    public List<SessionControl> all() {
        return List.copyOf(controls);
    }

    /** When race control started the session, if it did. */
    public OptionalLong startMicros() {
        return controls.stream().filter(c -> c.getAction() == ControlAction.START)
                .mapToLong(c -> Micros.of(c.getAt())).findFirst();
    }

    /** When the session was stopped, if it was. */
    public OptionalLong stopMicros() {
        return controls.stream().filter(c -> c.getAction() == ControlAction.STOP)
                .mapToLong(c -> Micros.of(c.getAt())).findFirst();
    }

    /** The first chequered flag shown by hand (a CHEQUERED flag or a STOP). */
    public OptionalLong manualChequeredMicros() {
        return controls.stream()
                .filter(c -> c.getAction() == ControlAction.STOP
                        || (c.getAction() == ControlAction.FLAG && c.getFlag() == Flag.CHEQUERED))
                .mapToLong(c -> Micros.of(c.getAt())).findFirst();
    }

    /** The latest flag race control set (FLAG, or START/STOP carrying one); a START alone means green. */
    public Flag latestFlag() {
        Flag flag = null;
        for (SessionControl control : controls) {
            if (control.getFlag() != null && control.getAction() != ControlAction.MESSAGE
                    && control.getAction() != ControlAction.PENALTY && control.getAction() != ControlAction.RETIREMENT) {
                flag = control.getFlag();
            } else if (control.getAction() == ControlAction.START) {
                flag = Flag.GREEN;
            }
        }
        return flag;
    }

    /** Car number → time of its (first) retirement. */
    public Map<String, Long> retirements() {
        Map<String, Long> retired = new HashMap<>();
        for (SessionControl control : controls) {
            if (control.getAction() == ControlAction.RETIREMENT && control.getCarNumber() != null) {
                retired.putIfAbsent(control.getCarNumber(), Micros.of(control.getAt()));
            }
        }
        return retired;
    }
}
