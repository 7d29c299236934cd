package io.pitwall.processor.timing;

import java.util.List;

/**
 * What one input did to the session.
 *
 * @param accepted false when the input was already known (a duplicate) or did not belong to the session
 * @param changes  lap differences, in (car number, lap number) order
 */
public record TimingUpdate(boolean accepted, List<LapChange> changes) {

    public TimingUpdate {
        changes = List.copyOf(changes);
    }

    public static TimingUpdate ignored() {
        return new TimingUpdate(false, List.of());
    }
}
