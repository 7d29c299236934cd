package io.pitwall.processor.timing.lap;

import java.time.Instant;

/** Microseconds since the epoch: the one time unit inside the timing engine (Passing.passingTime is timestamp-micros). */
public final class Micros {

    private Micros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public static long ofMillis(long millis) {
        return Math.multiplyExact(millis, 1_000L);
    }

    public static long toMillis(long micros) {
        return Math.floorDiv(micros, 1_000L);
    }
}
