package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.smartrace.codec.RaceControlCommand;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A sensor's race-control button as a {@code SessionControl} for the venue's current session:
 * <ul>
 *   <li>{@code start} → START with the green flag;</li>
 *   <li>{@code stop} → STOP (the lap-processor treats it as the chequered flag);</li>
 *   <li>{@code vsc} → a FLAG toggle, as Smartrace toggles its virtual safety car: VSC, or GREEN when the
 *       venue's flag is already VSC;</li>
 *   <li>{@code esc} → OTHER with a message: the protocol notes name the button but not what Smartrace
 *       does with it, so Pitwall records it without guessing a flag.</li>
 * </ul>
 */
public final class SessionControlMapper {

    /** {@code issuedBy} of every event this ingest writes. */
    public static final String ISSUED_BY = "smartrace sensor";

    public SessionControl toSessionControl(SensorStream stream, RaceControlCommand command, Instant at, Flag currentFlag) {
        SessionControl.Builder event = SessionControl.newBuilder()
                .setVenueId(stream.venueId())
                .setSessionId(null)
                .setIssuedBy(ISSUED_BY + " " + stream.streamId())
                .setAt(at.truncatedTo(ChronoUnit.MILLIS));
        switch (command) {
            case START -> event.setAction(ControlAction.START).setFlag(Flag.GREEN).setMessage("Start (Smartrace sensor)");
            case STOP -> event.setAction(ControlAction.STOP).setFlag(null).setMessage("Stop (Smartrace sensor)");
            case VSC -> {
                boolean ending = currentFlag == Flag.VSC;
                event.setAction(ControlAction.FLAG).setFlag(ending ? Flag.GREEN : Flag.VSC)
                        .setMessage(ending ? "Virtual safety car ending (Smartrace sensor)"
                                : "Virtual safety car deployed (Smartrace sensor)");
            }
            case ESC -> event.setAction(ControlAction.OTHER).setFlag(null).setMessage("Race control 'esc' (Smartrace sensor)");
        }
        return event.build();
    }
}
