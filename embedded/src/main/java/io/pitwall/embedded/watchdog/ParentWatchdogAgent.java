package io.pitwall.embedded.watchdog;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent loaded into every child JVM that Pitwall starts (Kafka broker, Apicurio Registry) so
 * that the child never outlives its parent.
 *
 * <p>The parent keeps the write end of the child's stdin open and never writes to it. When the parent
 * closes it on purpose (a clean stop) or dies for any reason, even SIGKILL, the kernel closes it and
 * this agent reads end-of-file; it then calls {@link System#exit}, which runs the child's own shutdown
 * hooks (Kafka's controlled shutdown, Quarkus' shutdown), and halts the JVM if those hang.
 *
 * <p>This class is copied on its own into a tiny agent jar (see {@code WatchdogJar}), so it must use
 * nothing but the JDK and must stay a single class file: no nested or anonymous classes.
 */
public final class ParentWatchdogAgent {

    /** How long the child's shutdown hooks may take before the JVM is halted. */
    private static final long HALT_AFTER_MILLIS = 30_000;

    private ParentWatchdogAgent() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(ParentWatchdogAgent::watchStdin, "pitwall-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watchStdin() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, the same as end-of-file
        }
        System.err.println("[pitwall-watchdog] parent closed stdin or exited; shutting down");
        Thread halter = new Thread(ParentWatchdogAgent::haltLater, "pitwall-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("[pitwall-watchdog] shutdown hooks did not finish in time; halting");
        Runtime.getRuntime().halt(1);
    }
}
