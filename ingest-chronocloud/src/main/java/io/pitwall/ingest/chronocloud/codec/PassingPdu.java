package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code passing}: a transponder (or manual) passing registered at the station.
 *
 * @param id          event id, restarting at 0 when the round changes or tables are cleared
 * @param stationType station type selected at ChronoFly (Track-Finish, Route-Start, ...)
 * @param round       round selected at ChronoFly
 * @param time        passing time as the station wrote it
 * @param tcTime      time-check time, if sent
 * @param transponder transponder number
 * @param hits        reads of the transponder in this passing event, as sent, if sent
 * @param lap         times the transponder was seen in the round, as sent, if sent
 */
public record PassingPdu(Envelope envelope, EventId id, String stationType, String round, PduTime time,
        Optional<PduTime> tcTime, String transponder, Optional<String> hits, Optional<String> lap)
        implements ChronoCloudPdu {

    public static final String EVENT = "passing";

    public PassingPdu {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stationType, "stationType");
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tcTime, "tcTime");
        Objects.requireNonNull(transponder, "transponder");
        Objects.requireNonNull(hits, "hits");
        Objects.requireNonNull(lap, "lap");
    }

    @Override
    public String event() {
        return EVENT;
    }
}
