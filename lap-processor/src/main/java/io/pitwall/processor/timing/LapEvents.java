package io.pitwall.processor.timing;

import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.PassingRef;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.processor.timing.lap.Micros;
import io.pitwall.processor.timing.lap.PassingKey;
import java.util.ArrayList;
import java.util.List;

/** Maps the engine's {@link LapChange}s to the {@link LapEvent}s of {@code timing.laps}. */
public final class LapEvents {

    private LapEvents() {
    }

    public static LapEvent of(String venueId, String sessionId, LapChange change) {
        Lap lap = change.lap();
        boolean deleted = change.kind() == LapEventKind.DELETED;
        List<PassingRef> passings = new ArrayList<>(lap.passings().size());
        for (PassingKey key : lap.passings()) {
            passings.add(new PassingRef(key.streamId(), key.streamEpoch(), key.sequence()));
        }
        return LapEvent.newBuilder()
                .setVenueId(venueId)
                .setSessionId(sessionId)
                .setKind(change.kind())
                .setCarNumber(change.carNumber())
                .setTransponder(lap.transponder())
                .setLapNumber(lap.number())
                .setLapTimeMicros(deleted ? null : lap.lapTimeMicros())
                .setSectorTimesMicros(deleted ? List.of() : lap.sectorTimesMicros())
                .setFinishedAt(Micros.toInstant(lap.finishMicros()))
                .setPersonalBest(!deleted && lap.personalBest())
                .setSessionBest(!deleted && lap.sessionBest())
                .setInvalid(lap.invalid())
                .setInPit(lap.inPit())
                .setPassings(passings)
                .setReason(change.reason())
                .build();
    }
}
