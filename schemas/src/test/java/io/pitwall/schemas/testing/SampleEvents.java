package io.pitwall.schemas.testing;

import io.pitwall.events.ControlAction;
import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderCommandKind;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.DriverTransponder;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.LineMapping;
import io.pitwall.events.Passing;
import io.pitwall.events.PassingRef;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionInformation;
import io.pitwall.events.SessionParameters;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StartMaticCommand;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated instance of every event type, with every optional field set and nested
 * records, arrays, maps and unions filled, so a round trip exercises the whole schema.
 */
public final class SampleEvents {

    public static final Instant PASSING_TIME = Instant.parse("2025-06-14T13:05:42.123456Z");
    public static final Instant RECEIVED_AT = Instant.parse("2025-06-14T13:05:42.200Z");

    private SampleEvents() {
    }

    public static Passing passing() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("hits", "12");
        attributes.put("readerId", "r-2");
        return Passing.newBuilder()
                .setVenueId("spa")
                .setSource(Source.CTP01)
                .setStreamId("loc-finish")
                .setStreamEpoch(3)
                .setSequence(4711)
                .setTransponder("1234567")
                .setName("Verstappen")
                .setPassingTime(PASSING_TIME)
                .setLine(LineKind.SECTOR)
                .setLineIndex(2)
                .setReceivedAt(RECEIVED_AT)
                .setAttributes(attributes)
                .build();
    }

    public static DecoderStatus decoderStatus() {
        return DecoderStatus.newBuilder()
                .setVenueId("spa")
                .setSource(Source.LAPSNAPPER)
                .setStreamId("decoder-1")
                .setKind(DecoderStatusKind.CLOCK_OFFSET)
                .setObservedAt(RECEIVED_AT)
                .setMessage("clock drift")
                .setSystemState(7)
                .setClockOffsetMillis(-42L)
                .setAttributes(Map.of("firmware", "2.1"))
                .build();
    }

    public static SessionConfig sessionConfig() {
        return SessionConfig.newBuilder()
                .setVenueId("spa")
                .setSessionId("race-1")
                .setName("Spa 24h")
                .setDescription("Race 1")
                .setType(SessionType.RACE)
                .setSectorCount(3)
                .setStartLine(0)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.LAPS).setValue(20).setLeaderFinishes(true).build())
                .setResultsOrderedByTotalTime(false)
                .setTrackSettings(trackSettings())
                .setLineMap(List.of(LineMapping.newBuilder().setSource(Source.CTP01).setMatch("SF")
                        .setLine(LineKind.FINISH).setLineIndex(null).build()))
                .setEntries(List.of(Entry.newBuilder().setCarNumber("7").setClassName("GT3").setTeam("Team A")
                        .setDrivers(List.of("A. Driver", "B. Driver")).setCar("Porsche 911")
                        .setTransponders(List.of("1234567")).build()))
                .setUpdatedAt(RECEIVED_AT)
                .build();
    }

    public static SessionControl sessionControl() {
        return SessionControl.newBuilder()
                .setVenueId("spa")
                .setSessionId("race-1")
                .setAction(ControlAction.FLAG)
                .setFlag(Flag.CODE_60)
                .setCarNumber("7")
                .setMessage("Code 60 in sector 2")
                .setIssuedBy("cli")
                .setAt(RECEIVED_AT)
                .build();
    }

    public static DecoderCommand decoderCommand() {
        return DecoderCommand.newBuilder()
                .setVenueId("spa")
                .setCommandId("cmd-1")
                .setStreamId("decoder-1")
                .setCommand(DecoderCommandKind.START_SESSION)
                .setSessionParameters(SessionParameters.newBuilder().setSessionType(SessionType.QUALIFYING)
                        .setStopKind(StopKind.TIME).setStopValue(900).build())
                .setTrackSettings(trackSettings())
                .setStartMatic(StartMaticCommand.newBuilder().setStatus(6).setData(10).setData2(0).build())
                .setSessionInformation(SessionInformation.newBuilder().setSessionName("Q1")
                        .setDrivers(List.of(DriverTransponder.newBuilder().setDriverNumber(7).setDriverName("A. Driver")
                                .setTransponderId(1234567L).build()))
                        .build())
                .setIssuedAt(RECEIVED_AT)
                .build();
    }

    public static LapEvent lapEvent() {
        return LapEvent.newBuilder()
                .setVenueId("spa")
                .setSessionId("race-1")
                .setKind(LapEventKind.CORRECTED)
                .setCarNumber("7")
                .setTransponder("1234567")
                .setLapNumber(12)
                .setLapTimeMicros(137_820_000L)
                .setSectorTimesMicros(Arrays.asList(41_000_000L, null, 50_100_000L))
                .setFinishedAt(PASSING_TIME)
                .setPersonalBest(true)
                .setSessionBest(false)
                .setInvalid(false)
                .setInPit(true)
                .setPassings(List.of(PassingRef.newBuilder().setStreamId("loc-finish").setStreamEpoch(3).setSequence(4711).build()))
                .setReason("late passing inserted")
                .build();
    }

    /** One of each event type, in catalogue order. */
    public static List<SpecificRecord> all() {
        return List.of(passing(), decoderStatus(), sessionConfig(), sessionControl(), decoderCommand(), lapEvent());
    }

    private static TrackSettings trackSettings() {
        return TrackSettings.newBuilder()
                .setMinimumLapTimeEnabled(true).setMinimumLapTimeMillis(120_000)
                .setMinimumSector1TimeMillis(30_000).setMinimumSector2TimeMillis(30_000).setMinimumSector3TimeMillis(30_000)
                .setMaximumLapTimeEnabled(true).setMaximumLapTimeMillis(600_000)
                .build();
    }
}
