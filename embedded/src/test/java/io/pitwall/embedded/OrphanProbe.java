package io.pitwall.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A parent JVM for {@link ChildJvmIT}: starts a watched child, prints its pid, then waits to be killed.
 * Argument: a working directory.
 */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Paths.get(args[0]);
        ChildJvm child = ChildJvm.builder("sleeper")
                .mainClass(System.getProperty("java.class.path"), SleepForever.class.getName())
                .jvmOptions(java.util.List.of("-Xmx32m"))
                .logFile(dir.resolve("sleeper.log"))
                .watchdogAgentJar(WatchdogJar.writeInto(dir))
                .start();
        System.out.println("CHILD " + child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
