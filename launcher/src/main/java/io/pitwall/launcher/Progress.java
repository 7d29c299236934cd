package io.pitwall.launcher;

import java.io.PrintStream;

/** Progress lines on stderr while the stack starts, so stdout keeps only the machine-readable lines. */
final class Progress {

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

    void info(String what) {
        out.printf("[%5.1fs] %s%n", seconds(startNanos), what);
        out.flush();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
