package io.pitwall.ingest.core.testing;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Minimal valid passings for publisher tests. */
public final class SamplePassings {

    private SamplePassings() {
    }

    public static Passing passing(String venue, long sequence) {
        // truncated to what the schema keeps (micros / millis), so a round trip compares equal
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Passing.newBuilder()
                .setVenueId(venue)
                .setSource(Source.CTP01)
                .setStreamId("finish")
                .setSequence(sequence)
                .setTransponder("T" + (sequence % 40))
                .setPassingTime(now)
                .setLine(LineKind.FINISH)
                .setReceivedAt(now)
                .build();
    }
}
