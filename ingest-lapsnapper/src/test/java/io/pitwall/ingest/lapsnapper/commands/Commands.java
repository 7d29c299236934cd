package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderCommandKind;
import io.pitwall.events.SessionParameters;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.events.TrackSettings;
import java.time.Instant;

/** DecoderCommands for tests. */
public final class Commands {

    private Commands() {
    }

    public static DecoderCommand.Builder command(String venue, String id, DecoderCommandKind kind, Instant issuedAt) {
        return DecoderCommand.newBuilder().setVenueId(venue).setCommandId(id).setCommand(kind).setIssuedAt(issuedAt);
    }

    /** The START SESSION of the API's recorded trace (4.3): practice, one sector, manual stop. */
    public static DecoderCommand traceStartSession(String venue, String id, Instant issuedAt) {
        return command(venue, id, DecoderCommandKind.START_SESSION, issuedAt)
                .setSessionParameters(SessionParameters.newBuilder()
                        .setSessionType(SessionType.PRACTICE)
                        .setTriggerLineCount(1)
                        .setStartLine(0)
                        .setStopKind(StopKind.MANUAL)
                        .setSessionStopStartsWhenLeaderReachesStopValue(false)
                        .build())
                .setTrackSettings(TrackSettings.newBuilder()
                        .setMinimumLapTimeEnabled(false)
                        .setMinimumLapTimeMillis(15_000)
                        .setMinimumSector1TimeMillis(5_000)
                        .setMinimumSector2TimeMillis(5_000)
                        .setMinimumSector3TimeMillis(5_000)
                        .setMaximumLapTimeEnabled(false)
                        .setMaximumLapTimeMillis(240_000)
                        .build())
                .build();
    }

    /**
     * The trace's START SESSION frame. The printed dump lost one byte (NOTES.md): its length field says 563 but
     * 562 bytes follow; the lost byte is the last 0 of "maximumLapTime":240000.
     */
    public static final String TRACE_START_SESSION_JSON = "{\"messageHeader\":{\"messageID\":6402,"
            + "\"lapSnapperProductID\":1000000,\"serverVersion\":520000},\"pinCode\":\"1234\","
            + "\"sessionParameters\":{\"sessionType\":0,\"triggerLineCount\":1,\"startLine\":0,\"stopType\":1,"
            + "\"stopValue\":-1,\"continuousSession\":false,\"personalStoppingCriteria\":false,"
            + "\"resultsAreOrderedAgainstTotalTime\":false,\"sessionStopStartsWhenLeaderReachesStopValue\":false},"
            + "\"trackSettings\":{\"minimumLapTimeEnabled\":false,\"minimumLapTime\":15000,\"minimumSector1Time\":5000,"
            + "\"minimumSector2Time\":5000,\"minimumSector3Time\":5000,\"maximumLapTimeEnabled\":false,"
            + "\"maximumLapTime\":240000}}";
}
