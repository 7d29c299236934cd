package io.pitwall.processor.it;

import io.pitwall.processor.service.LapProcessorMain;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lap-processor service as a child process of a test: the real {@link LapProcessorMain}, plus a watchdog
 * that halts the JVM when its parent goes away (stdin closes), so a test JVM that dies in any way never
 * leaves a lap processor running. (A production service must not do this: its stdin is often /dev/null.)
 */
public final class ChildLapProcessor {

    private ChildLapProcessor() {
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent never writes; read() returns -1 only when it is gone
                }
            } catch (IOException e) {
                // stdin broken: the parent is gone as well
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LapProcessorMain.main(args);
    }
}
