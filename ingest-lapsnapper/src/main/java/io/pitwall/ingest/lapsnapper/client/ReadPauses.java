package io.pitwall.ingest.lapsnapper.client;

import io.pitwall.ingest.core.publish.BackPressureListener;
import java.util.function.LongSupplier;

/**
 * Remembers when the ingest itself stopped reading from the hardware (publisher back-pressure, see ingest-core's
 * {@code AutoReadSwitch}). While reads are paused no heartbeat can arrive, and right after they resume the
 * backlog (heartbeats included) still has to be read, so missing heartbeats in that time say nothing about the
 * LapSnapper server and must not tear down a connection whose buffered passings would then be lost.
 */
public final class ReadPauses implements BackPressureListener {

    private final LongSupplier nanoClock;
    private volatile boolean paused;
    private volatile long resumedAtNanos;

    public ReadPauses(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.resumedAtNanos = nanoClock.getAsLong() - Long.MAX_VALUE / 2;
    }

    public ReadPauses() {
        this(System::nanoTime);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) {
            resumedAtNanos = nanoClock.getAsLong();
        }
        paused = !writable;
    }

    /** Whether reads are paused now or resumed less than {@code graceNanos} ago. */
    public boolean excuseSilence(long graceNanos) {
        return paused || nanoClock.getAsLong() - resumedAtNanos < graceNanos;
    }
}
