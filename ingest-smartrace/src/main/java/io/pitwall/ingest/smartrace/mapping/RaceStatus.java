package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.smartrace.codec.EventStatus;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.codec.VscStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a venue's race looks like to a Smartrace sensor, derived from race control ({@code
 * SessionControl}) the way Timing71 derives its flag: START → running (green); STOP or the chequered
 * flag → ended; red flag → suspended, and green after it → running again; a neutralisation flag (VSC,
 * SC, FCY, code 60, slow zone) → VSC active, any other flag → VSC off. A new session starts over at
 * prepare_for_start. Immutable.
 *
 * @param event   the event status, null until race control said anything
 * @param flag    the venue's current flag
 */
public record RaceStatus(EventStatus event, Flag flag) {

    private static final Set<Flag> NEUTRALISED = EnumSet.of(Flag.VSC, Flag.SC, Flag.FCY, Flag.CODE_60,
            Flag.CODE_60_ZONE, Flag.SLOW_ZONE);

    /** Nothing known yet: sensors get no status messages. */
    public static final RaceStatus UNKNOWN = new RaceStatus(null, Flag.NONE);

    /** A new session was configured and has not started. */
    public static final RaceStatus NEW_SESSION = new RaceStatus(EventStatus.PREPARE_FOR_START, Flag.NONE);

    public RaceStatus {
        flag = flag == null ? Flag.NONE : flag;
    }

    public VscStatus vsc() {
        return NEUTRALISED.contains(flag) ? VscStatus.ACTIVE : VscStatus.OFF;
    }

    /** The status after {@code control}. */
    public RaceStatus apply(SessionControl control) {
        Flag newFlag = control.getFlag() != null ? control.getFlag() : flag;
        ControlAction action = control.getAction();
        if (action == ControlAction.START) {
            return new RaceStatus(EventStatus.RUNNING, control.getFlag() != null ? control.getFlag() : Flag.GREEN);
        }
        if (action == ControlAction.STOP) {
            return new RaceStatus(EventStatus.ENDED, newFlag);
        }
        if (action != ControlAction.FLAG || control.getFlag() == null) {
            return this;
        }
        EventStatus newEvent = event;
        if (newFlag == Flag.CHEQUERED) {
            newEvent = EventStatus.ENDED;
        } else if (newFlag == Flag.RED) {
            newEvent = EventStatus.SUSPENDED;
        } else if (newFlag != Flag.NONE
                && (event == EventStatus.SUSPENDED || event == null || event == EventStatus.PREPARE_FOR_START)) {
            newEvent = EventStatus.RUNNING; // a racing flag means the race is on
        }
        return new RaceStatus(newEvent, newFlag);
    }

    /** The messages that tell a sensor this status, empty while unknown. */
    public List<ServerMessage> messages() {
        List<ServerMessage> messages = new ArrayList<>(2);
        if (event != null) {
            messages.add(new ServerMessage.EventStatusUpdate(event));
            messages.add(new ServerMessage.VscStatusUpdate(vsc()));
        }
        return messages;
    }

    /** The messages a sensor that saw {@code before} needs to see this status. */
    public List<ServerMessage> changesSince(RaceStatus before) {
        List<ServerMessage> messages = new ArrayList<>(2);
        if (event != null && event != before.event()) {
            messages.add(new ServerMessage.EventStatusUpdate(event));
        }
        if (event != null && (before.event() == null || vsc() != before.vsc())) {
            messages.add(new ServerMessage.VscStatusUpdate(vsc()));
        }
        return messages;
    }
}
