package io.pitwall.systemtest.harness;

import io.pitwall.simulator.race.DetectorRead;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Feeds a {@link HardwareRace}'s reads to its hardware: as fast as the protocol takes them (the reads carry their
 * own times), or in real time. A {@code beforeRead} hook gets the index of each read before it is sent, so a test
 * can inject a fault at a point of the race (e.g. {@code i == reads.size() / 3}).
 */
public final class Replay {

    private Replay() {
    }

    /** Every read at once, one after another, calling {@code beforeRead} with its index first. */
    public static void asFastAsPossible(List<DetectorRead> reads, TimingHardware hardware, IntConsumer beforeRead) {
        for (int i = 0; i < reads.size(); i++) {
            beforeRead.accept(i);
            hardware.send(reads.get(i));
        }
    }

    /** Each read when the wall clock reaches its time (reads already past go at once). */
    public static void inRealTime(List<DetectorRead> reads, TimingHardware hardware, IntConsumer beforeRead) {
        for (int i = 0; i < reads.size(); i++) {
            long wait = reads.get(i).timeMicros() / 1000 - System.currentTimeMillis();
            if (wait > 0) {
                sleep(Duration.ofMillis(wait));
            }
            beforeRead.accept(i);
            hardware.send(reads.get(i));
        }
    }

    /** Waits until {@code hardware} is connected to its ingest; fails with {@code what} after {@code timeout}. */
    public static void awaitReady(TimingHardware hardware, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hardware.isReady()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not connect to its ingest within " + timeout);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** Sleeps; an interrupt ends the wait with an {@link IllegalStateException} (the thread stays interrupted). */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
