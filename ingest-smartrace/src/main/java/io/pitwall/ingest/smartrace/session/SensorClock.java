package io.pitwall.ingest.smartrace.session;

import java.util.Optional;

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
 * <p><b>Across connections.</b> A new connection's first message may itself be late by seconds: after a
 * Wi-Fi outage a microcontroller re-sends laps made while it was offline, and anchoring to such a lap
 * would shift every later time of the connection by that delay. So the clock of the sensor's previous
 * connection can be {@linkplain #offer offered}: when the first counter value <em>continues</em> it
 * (it advanced by no more than the receive clock did since the previous connection's last message,
 * plus the tolerance, counting a wrap as {@link #read} would), its offset and counter are taken over
 * unchanged; otherwise (a rebooted sensor, another sensor, an implausible gap) the clock anchors afresh.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop ({@link SensorClocks} carries
 * the state between connections).
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
    private Handover previous;

    /** @param toleranceMillis how far after its reception a crossing may be placed before the anchor moves */
    public SensorClock(long toleranceMillis) {
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + toleranceMillis);
        }
        this.toleranceMillis = toleranceMillis;
    }

    /**
     * The outcome of one reading. {@code firstAnchor}: the first reading of this clock, anchored afresh or
     * {@code carriedOver} from the sensor's previous connection.
     */
    public record Reading(long timeMillis, boolean firstAnchor, long reanchoredByMillis, boolean wrapped, long offsetMillis,
            boolean carriedOver) {
    }

    /**
     * What a connection's clock knew at its last reading, for the sensor's next connection: counter
     * {@code raw} stood for wall-clock {@code timeMillis} and was received at {@code receivedMillis}.
     */
    public record Handover(long raw, long timeMillis, long receivedMillis) {
    }

    public boolean isAnchored() {
        return anchored;
    }

    /** Current {@code time - counter}; meaningful only once anchored. */
    public long offsetMillis() {
        return offsetMillis;
    }

    /**
     * Offers the clock of the sensor's previous connection, taken over by the first reading if the
     * counter continues it. Ignored once this clock has read anything.
     */
    public void offer(Handover previousConnection) {
        if (!started) {
            previous = previousConnection;
        }
    }

    /** The state to hand to the sensor's next connection; empty before the first reading. */
    public Optional<Handover> handover() {
        return anchored ? Optional.of(new Handover(lastRaw, lastUnwrapped + offsetMillis, lastReceivedMillis))
                : Optional.empty();
    }

    /** The wall-clock time of counter value {@code raw} received at {@code receivedMillis}. */
    public Reading read(long raw, long receivedMillis) {
        boolean carried = takeOverIfContinued(raw, receivedMillis);
        boolean first = carried;
        boolean wrapped = advance(raw, receivedMillis);
        long sample = receivedMillis - lastUnwrapped;
        long reanchoredBy = 0;
        if (!anchored) {
            anchored = true;
            offsetMillis = sample;
            first = true;
        } else if (sample < offsetMillis - toleranceMillis) {
            reanchoredBy = offsetMillis - sample;
            offsetMillis = sample;
        }
        return new Reading(lastUnwrapped + offsetMillis, first, reanchoredBy, wrapped, offsetMillis, carried);
    }

    /**
     * Takes over the anchor of an earlier connection of the same sensor: counter {@code raw} is known
     * to have been at {@code timeMillis} (a re-sent lap recognised as a duplicate). Keeps lap times
     * exact across a reconnect. Ignored once this connection is anchored. An offered previous clock that
     * the counter continues wins: it holds the latest anchor, also if the old one moved after that lap.
     */
    public void adopt(long raw, long timeMillis, long receivedMillis) {
        if (anchored) {
            return;
        }
        if (takeOverIfContinued(raw, receivedMillis)) {
            advance(raw, receivedMillis);
            return;
        }
        anchorAt(raw, timeMillis, receivedMillis);
    }

    /** True when the first reading continues the offered previous clock, which is then taken over. */
    private boolean takeOverIfContinued(long raw, long receivedMillis) {
        Handover before = previous;
        previous = null;
        if (started || before == null || !continues(before, raw, receivedMillis)) {
            return false;
        }
        anchorAt(before.raw(), before.timeMillis(), before.receivedMillis());
        return true;
    }

    /**
     * The counter advanced by no more than the receive clock since {@code before} plus the tolerance
     * (a message is late, never early), possibly across a wrap; a sensor that rebooted went back.
     */
    private boolean continues(Handover before, long raw, long receivedMillis) {
        long reach = Math.max(0, receivedMillis - before.receivedMillis()) + toleranceMillis;
        long step = raw - before.raw();
        if (step >= 0) {
            return step <= reach;
        }
        for (long modulus : new long[] {WRAP_30, WRAP_32}) {
            if (before.raw() < modulus && raw < modulus && step + modulus <= reach) {
                return true;
            }
        }
        return false;
    }

    private void anchorAt(long raw, long timeMillis, long receivedMillis) {
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
