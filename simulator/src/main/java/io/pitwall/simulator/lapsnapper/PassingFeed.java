package io.pitwall.simulator.lapsnapper;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately simple passing source for running the simulator standalone: the cars cross the lap line in
 * turn, {@code rate} passings per second in total, stamped with the decoder clock. Realistic races (lap-time
 * spread, sectors, pits, missed reads) come from the race generator, which can drive
 * {@link LapSnapperSimulator#publish} itself.
 */
public final class PassingFeed implements AutoCloseable {

    /** Transponder ids are {@code FIRST_TRANSPONDER}, {@code FIRST_TRANSPONDER + 1}, … */
    public static final int FIRST_TRANSPONDER = 10_001;

    private final ScheduledExecutorService timer;

    private PassingFeed(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static PassingFeed start(LapSnapperSimulator simulator, int transponders, double passingsPerSecond) {
        if (transponders < 1 || passingsPerSecond <= 0) {
            throw new IllegalArgumentException("need at least one transponder and a positive rate");
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lapsnapper-passing-feed");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger next = new AtomicInteger();
        long offsetMillis = simulator.config().decoderClockOffset().toMillis();
        long periodMicros = Math.max(1, Math.round(1_000_000 / passingsPerSecond));
        timer.scheduleAtFixedRate(() -> {
            int car = next.getAndIncrement() % transponders;
            // a little jitter: the detection happened shortly before the server got to send it
            long at = System.currentTimeMillis() + offsetMillis - ThreadLocalRandom.current().nextInt(20);
            simulator.publish(FIRST_TRANSPONDER + car, 1, "Car " + (car + 1), at, 1);
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        return new PassingFeed(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
