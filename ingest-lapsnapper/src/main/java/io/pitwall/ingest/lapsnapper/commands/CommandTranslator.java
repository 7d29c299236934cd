package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DriverTransponder;
import io.pitwall.events.SessionParameters;
import io.pitwall.events.StartMaticCommand;
import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.codec.DriverInformation;
import io.pitwall.ingest.lapsnapper.codec.ExitSession;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.RaceTrackSettings;
import io.pitwall.ingest.lapsnapper.codec.SessionInformation;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.StartSession;
import io.pitwall.ingest.lapsnapper.codec.StopSession;
import io.pitwall.ingest.lapsnapper.codec.TrackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DecoderCommand} as the LapSnapper remote-control message for one server (API 7), with that server's
 * PIN code and product id. Anything the message cannot carry is refused with a reason instead of being sent
 * half-right: a missing part, a value out of the API's range, no PIN configured.
 *
 * <p>Encodings (API 8.3): session type PRACTICE 0, QUALIFYING 1, RACE 2; stop type MANUAL 1, TIME 2, LAPS 3;
 * a MANUAL stop sends stop value -1 as the API's recorded trace does ("N/A"). Times are milliseconds.
 */
public final class CommandTranslator {

    private CommandTranslator() {
    }

    /** The message, or why it cannot be sent. */
    public record Translation(Optional<LapSnapperMessage> message, String refusal) {

        static Translation of(LapSnapperMessage message) {
            return new Translation(Optional.of(message), "");
        }

        static Translation refused(String why) {
            return new Translation(Optional.empty(), why);
        }
    }

    public static Translation translate(DecoderCommand command, DecoderServer server, int apiVersion) {
        if (server.pinCode().isEmpty()) {
            return Translation.refused("no remote-control PIN is configured for venue " + server.venueId()
                    + " (lapsnapper.pin or lapsnapper.server." + server.venueId() + ".pin)");
        }
        String pin = server.pinCode().get();
        MessageHeader header = new MessageHeader(server.productId(), apiVersion);
        try {
            return switch (command.getCommand()) {
                case STOP_SESSION -> Translation.of(new StopSession(header, pin));
                case EXIT_SESSION -> Translation.of(new ExitSession(header, pin));
                case START_SESSION -> startSession(command, header, pin);
                case STARTMATIC -> startMatic(command, header, pin);
                case SESSION_INFORMATION -> sessionInformation(command, header, pin);
                case TRACK_SETTINGS -> command.getTrackSettings() == null
                        ? Translation.refused("TRACK_SETTINGS needs trackSettings")
                        : Translation.of(new RaceTrackSettings(header, pin, trackSettings(command.getTrackSettings())));
            };
        } catch (IllegalArgumentException e) {
            return Translation.refused(e.getMessage());
        }
    }

    private static Translation startSession(DecoderCommand command, MessageHeader header, String pin) {
        SessionParameters p = command.getSessionParameters();
        if (p == null || command.getTrackSettings() == null) {
            return Translation.refused("START_SESSION needs sessionParameters and trackSettings (API 7.3 sends both)");
        }
        int triggerLineCount = inRange("sessionParameters.triggerLineCount", p.getTriggerLineCount(), 1, 3);
        int startLine = inRange("sessionParameters.startLine", p.getStartLine(), 0, 2);
        int stopType = switch (p.getStopKind()) {
            case MANUAL -> 1;
            case TIME -> 2;
            case LAPS -> 3;
        };
        int stopValue = stopType == 1 ? -1 : (int) inRange("sessionParameters.stopValue", p.getStopValue(), 1,
                Integer.MAX_VALUE);
        int sessionType = switch (p.getSessionType()) {
            case PRACTICE -> 0;
            case QUALIFYING -> 1;
            case RACE -> 2;
        };
        var parameters = new io.pitwall.ingest.lapsnapper.codec.SessionParameters(sessionType, triggerLineCount,
                startLine, stopType, stopValue, p.getContinuousSession(), p.getPersonalStoppingCriteria(),
                p.getResultsAreOrderedAgainstTotalTime(), p.getSessionStopStartsWhenLeaderReachesStopValue());
        return Translation.of(new StartSession(header, pin, parameters, trackSettings(command.getTrackSettings())));
    }

    private static Translation startMatic(DecoderCommand command, MessageHeader header, String pin) {
        StartMaticCommand s = command.getStartMatic();
        if (s == null) {
            return Translation.refused("STARTMATIC needs startMatic");
        }
        int status = inRange("startMatic.status", s.getStatus(), StartMaticStatus.OPENED,
                StartMaticStatus.COUNTDOWN_STARTED);
        return Translation.of(new StartMaticStatus(header, pin, status, s.getData(), s.getData2()));
    }

    private static Translation sessionInformation(DecoderCommand command, MessageHeader header, String pin) {
        io.pitwall.events.SessionInformation info = command.getSessionInformation();
        if (info == null) {
            return Translation.refused("SESSION_INFORMATION needs sessionInformation");
        }
        List<DriverInformation> drivers = new ArrayList<>(info.getDrivers().size());
        for (DriverTransponder d : info.getDrivers()) {
            int transponderId = inRange("drivers.transponderId", d.getTransponderId(), 0, Integer.MAX_VALUE);
            drivers.add(new DriverInformation(d.getDriverNumber(), d.getDriverName(),
                    new io.pitwall.ingest.lapsnapper.codec.TransponderKey(transponderId, d.getTransponderInstance()),
                    d.getTransponderEnabled()));
        }
        return Translation.of(new SessionInformation(header, pin, info.getSessionName(),
                info.getAllTranspondersActive(), drivers));
    }

    private static TrackSettings trackSettings(io.pitwall.events.TrackSettings t) {
        return new TrackSettings(
                t.getMinimumLapTimeEnabled(),
                millis("trackSettings.minimumLapTimeMillis", t.getMinimumLapTimeMillis()),
                millis("trackSettings.minimumSector1TimeMillis", t.getMinimumSector1TimeMillis()),
                millis("trackSettings.minimumSector2TimeMillis", t.getMinimumSector2TimeMillis()),
                millis("trackSettings.minimumSector3TimeMillis", t.getMinimumSector3TimeMillis()),
                t.getMaximumLapTimeEnabled(),
                millis("trackSettings.maximumLapTimeMillis", t.getMaximumLapTimeMillis()));
    }

    private static int millis(String field, long value) {
        return inRange(field, value, 0, Integer.MAX_VALUE);
    }

    private static int inRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " is " + value + ", LapSnapper takes " + min + " to " + max);
        }
        return (int) value;
    }
}
