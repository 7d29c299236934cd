package io.pitwall.launcher;

import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.publisher.StatePublisher;

/** Starts one part of the stack: a progress line with how long it took, and its place in the {@link Lifecycle}. */
final class Starting {

    /** Starting something that can fail. */
    @FunctionalInterface
    interface Start<T extends AutoCloseable> {
        T start() throws Exception;
    }

    private final Progress progress;
    private final Lifecycle lifecycle;

    Starting(Progress progress, Lifecycle lifecycle) {
        this.progress = progress;
        this.lifecycle = lifecycle;
    }

    /** Starts it; registered for stopping at once, so Ctrl-C meanwhile stops it too. */
    <T extends AutoCloseable> T start(String name, Lifecycle.Tier tier, Start<T> start) {
        long begun = progress.begin();
        T running;
        try {
            running = start.start();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
        }
        lifecycle.add(tier, name, running);
        progress.done(name + " ready" + note(running), begun);
        return running;
    }

    private static String note(AutoCloseable running) {
        if (running instanceof RunningService service) {
            return " (health and metrics on port " + service.httpPort() + ")";
        }
        if (running instanceof LapProcessorService service) {
            return " (health and metrics on port " + service.httpPort() + ")";
        }
        if (running instanceof StatePublisher publisher) {
            return " (web " + publisher.httpPort() + ", t71 " + publisher.t71Port() + ", rmonitor "
                    + publisher.rmonitorPort() + ")";
        }
        return "";
    }
}
