package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Crossing;
import java.util.List;

/**
 * A car's on-track status (N/S, RUN, PIT, OUT) and pit-stop count, folded over its accepted crossings in time order
 * and continued as crossings are appended. Every timing screen shows both for every car; walking each car's whole
 * history for every screen made a screen of a long race cost in proportion to all the crossings of the session.
 *
 * <p>The rules: PIT_IN → PIT (a pit stop), PIT_OUT → OUT, FINISH → RUN (in the pits only at the second FINISH, as the
 * pit lane may run through the finish loop and the first one is the pit lane's), a sector line → OUT from the pits
 * (the car is on track even if PIT_OUT was missed), any crossing → RUN from N/S.
 */
final class TrackStatusFold {

    private CarStatus status = CarStatus.NOT_STARTED;
    private int finishesSincePitIn;
    private int pitStops;
    private int folded;

    /**
     * Continues the fold to the end of {@code accepted}; the crossings folded before must be the start of
     * {@code accepted}.
     */
    void advanceOver(List<Crossing> accepted) {
        if (accepted.size() < folded) {
            throw new IllegalArgumentException("the fold is at " + folded + " crossings, cannot go back to "
                    + accepted.size());
        }
        for (int i = folded; i < accepted.size(); i++) {
            add(accepted.get(i));
        }
        folded = accepted.size();
    }

    private void add(Crossing crossing) {
        switch (crossing.line()) {
            case PIT_IN -> {
                status = CarStatus.PIT;
                finishesSincePitIn = 0;
                pitStops++;
            }
            case PIT_OUT -> status = CarStatus.OUT;
            case FINISH -> {
                if (status == CarStatus.PIT) {
                    finishesSincePitIn++;
                    if (finishesSincePitIn >= 2) {
                        status = CarStatus.RUN;
                    }
                } else {
                    status = CarStatus.RUN;
                }
            }
            case SECTOR -> {
                if (status == CarStatus.PIT) {
                    status = CarStatus.OUT;
                } else if (status == CarStatus.NOT_STARTED) {
                    status = CarStatus.RUN;
                }
            }
            default -> {
                if (status == CarStatus.NOT_STARTED) {
                    status = CarStatus.RUN;
                }
            }
        }
    }

    CarStatus status() {
        return status;
    }

    int pitStops() {
        return pitStops;
    }

    int folded() {
        return folded;
    }
}
