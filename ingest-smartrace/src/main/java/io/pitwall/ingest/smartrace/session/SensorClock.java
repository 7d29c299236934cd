package io.pitwall.ingest.smartrace.session;

/**
 * Turns one sensor connection's millisecond counter into wall-clock time.
 *
 * <p>The counter is the sensor's own: milliseconds since boot on microcontrollers, wrapping at 2^30
 * or 2^32, or epoch milliseconds on phones (whose clocks may be off by seconds). Only differences are
 * meaningful, so the counter is <em>anchored</em> to the receive clock: {@code time = counter + offset}.
 *
 * <p><b>Unwrapping.</b> A counter that goes backwards by a lot has wrapped. Which modulus (2^30 or
 * 2^32) is decided by the receive clock: of "no wrap", "+2^30" and "+2^32" the step closest to the
 * time that passed between the two receptions wins. That tells a wrap from a small backward step and
 * needs no configuration per sensor model; a counter once seen above 2^30 (or 2^32) cannot wrap there.
 *
 * <p><b>Anchoring.</b> The first reading fixes {@code offset = received - counter}: the sensor's
 * crossing is taken to have happened when it arrived. Later readings keep the offset, so the time
 * between two crossings is exactly the sensor's own difference, as Smartrace shows it, whatever the
 * network jitter. A message can only arrive late, never early: a reading that would put a crossing
 * more than {@code tolerance} after its own reception proves the anchor was set by a late message (a
 * lap re-sent after a reconnect, reads paused by back-pressure) or that the sensor's clock runs fast,
 * and the offset moves back to that reading ({@link Reading#reanchoredByMillis()}). Late readings never
 * move it forward, so a read delayed by back-pressure still gets its true crossing time.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
public final class SensorClock {

    static final long WRAP_30 = 1L << 30;
    static final long WRAP_32 = 1L << 32;

    private final long toleranceMillis;

    private boolean started;
    private long lastRaw;
    private long lastUnwrapped;
    private long lastReceivedMillis;
    private boolean anchored;
    private long offsetMillis;

    /** @param toleranceMillis how far after its reception a crossing may be placed before the anchor moves */
    public SensorClock(long toleranceMillis) {
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + toleranceMillis);
        }
        this.toleranceMillis = toleranceMillis;
    }

    /** The outcome of one reading. */
    public record Reading(long timeMillis, boolean firstAnchor, long reanchoredByMillis, boolean wrapped, long offsetMillis) {
    }

    public boolean isAnchored() {
        return anchored;
    }

    /** Current {@code time - counter}; meaningful only once anchored. */
    public long offsetMillis() {
        return offsetMillis;
    }

    /** The wall-clock time of counter value {@code raw} received at {@code receivedMillis}. */
    public Reading read(long raw, long receivedMillis) {
        boolean wrapped = advance(raw, receivedMillis);
        long sample = receivedMillis - lastUnwrapped;
        boolean first = false;
        long reanchoredBy = 0;
        if (!anchored) {
            anchored = true;
            offsetMillis = sample;
            first = true;
        } else if (sample < offsetMillis - toleranceMillis) {
            reanchoredBy = offsetMillis - sample;
            offsetMillis = sample;
        }
        return new Reading(lastUnwrapped + offsetMillis, first, reanchoredBy, wrapped, offsetMillis);
    }

    /**
     * Takes over the anchor of an earlier connection of the same sensor: counter {@code raw} is known
     * to have been at {@code timeMillis} (a re-sent lap recognised as a duplicate). Keeps lap times
     * exact across a reconnect. Ignored once this connection is anchored.
     */
    public void adopt(long raw, long timeMillis, long receivedMillis) {
        if (anchored) {
            return;
        }
        started = true;
        lastRaw = raw;
        lastUnwrapped = raw;
        lastReceivedMillis = receivedMillis;
        anchored = true;
        offsetMillis = timeMillis - raw;
    }

    /** Moves the unwrapped counter to {@code raw}; true when it wrapped on the way. */
    private boolean advance(long raw, long receivedMillis) {
        if (!started) {
            started = true;
            lastRaw = raw;
            lastUnwrapped = raw;
            lastReceivedMillis = receivedMillis;
            return false;
        }
        long step = raw - lastRaw;
        boolean wrapped = false;
        if (step < 0) {
            long elapsed = receivedMillis - lastReceivedMillis;
            long best = step;
            for (long modulus : new long[] {WRAP_30, WRAP_32}) {
                if (lastRaw < modulus && raw < modulus
                        && Math.abs(step + modulus - elapsed) < Math.abs(best - elapsed)) {
                    best = step + modulus;
                }
            }
            wrapped = best != step;
            step = best;
        }
        lastRaw = raw;
        lastUnwrapped += step;
        lastReceivedMillis = receivedMillis;
        return wrapped;
    }
}
