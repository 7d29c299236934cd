package io.pitwall.systemtest.bench;

import io.pitwall.systemtest.harness.TimingHardware;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a {@link VenuePlan}'s schedule in real time: each read when the wall clock reaches its time, to its venue's
 * hardware. A read that completes a lap is registered with its venue's {@link LapMatcher} just before it is handed
 * to the simulator, which writes it to the socket at once (Netty {@code writeAndFlush}); that instant is the start
 * of the measured latency. If this thread falls behind the schedule the lateness is reported as send lag: the
 * load generator's own limit, not the pipeline's.
 */
final class Pacer implements Runnable {

    private final VenuePlan plan;
    private final List<TimingHardware> hardware;
    private final List<LapMatcher> matchers;
    private final long anchorNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private volatile boolean done;

    Pacer(VenuePlan plan, List<TimingHardware> hardware, List<LapMatcher> matchers) {
        this.plan = plan;
        this.hardware = hardware;
        this.matchers = matchers;
        this.anchorNanos = nanosAt(plan.anchor);
    }

    /** The {@link System#nanoTime()} at which the wall clock shows {@code instant}. */
    static long nanosAt(Instant instant) {
        return System.nanoTime() + (instant.toEpochMilli() - System.currentTimeMillis()) * 1_000_000L;
    }

    long anchorNanos() {
        return anchorNanos;
    }

    @Override
    public void run() {
        long anchorMicros = VenuePlan.micros(plan.anchor);
        try {
            for (VenuePlan.Scheduled s : plan.schedule) {
                long due = anchorNanos + (s.read().timeMicros() - anchorMicros) * 1000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                maxLateNanos.accumulateAndGet(now - due, Math::max);
                if (s.lap() > 0) {
                    matchers.get(s.venue()).sent(s.read().carNumber(), s.lap(), now);
                    sampled.incrementAndGet();
                }
                hardware.get(s.venue()).send(s.read());
                sent.incrementAndGet();
            }
        } finally {
            done = true;
        }
    }

    long sent() {
        return sent.get();
    }

    long sampled() {
        return sampled.get();
    }

    /** The most this thread was late for a read since the last call. */
    long takeMaxLateNanos() {
        return maxLateNanos.getAndSet(0);
    }

    boolean done() {
        return done;
    }
}
