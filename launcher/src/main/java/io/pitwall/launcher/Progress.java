package io.pitwall.launcher;

import java.io.PrintStream;

/** Progress lines on stderr while the stack starts, so stdout keeps only the machine-readable lines. */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long stepNanos = startNanos;

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        stepNanos = System.nanoTime();
        out.printf("[%5.1fs] %s ...%n", seconds(startNanos), what);
        out.flush();
    }

    void done(String what) {
        out.printf("[%5.1fs] %s (%.1fs)%n", seconds(startNanos), what, seconds(stepNanos));
        out.flush();
    }

    /** For steps that run side by side: {@link #done(String, long)} with the value this returned when it began. */
    long begin() {
        return System.nanoTime();
    }

    void done(String what, long begunNanos) {
        out.printf("[%5.1fs] %s (%.1fs)%n", seconds(startNanos), what, seconds(begunNanos));
        out.flush();
    }

    public void info(String what) {
        out.printf("[%5.1fs] %s%n", seconds(startNanos), what);
        out.flush();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
