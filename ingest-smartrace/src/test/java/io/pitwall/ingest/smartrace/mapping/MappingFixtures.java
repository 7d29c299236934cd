package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import java.time.Instant;
import java.util.List;

/** Avro events as race control writes them, for the mapping and venue tests. */
public final class MappingFixtures {

    public static Entry entry(String number, String driver, String car, String... transponders) {
        return Entry.newBuilder()
                .setCarNumber(number)
                .setDrivers(driver == null ? List.of() : List.of(driver))
                .setCar(car)
                .setTransponders(List.of(transponders))
                .build();
    }

    public static SessionConfig config(String venue, String sessionId, Instant updatedAt, Entry... entries) {
        return SessionConfig.newBuilder()
                .setVenueId(venue)
                .setSessionId(sessionId)
                .setName("Club race")
                .setType(SessionType.RACE)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.LAPS).setValue(20).build())
                .setTrackSettings(TrackSettings.newBuilder().build())
                .setEntries(List.of(entries))
                .setUpdatedAt(updatedAt)
                .build();
    }

    public static SessionControl control(String venue, ControlAction action, Flag flag, Instant at) {
        return SessionControl.newBuilder()
                .setVenueId(venue)
                .setAction(action)
                .setFlag(flag)
                .setAt(at)
                .build();
    }

    private MappingFixtures() {
    }
}
