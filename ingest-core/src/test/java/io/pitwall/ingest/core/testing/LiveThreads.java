package io.pitwall.ingest.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The JVM's live threads at one moment, to show which threads a fault added (thread exhaustion). */
public final class LiveThreads {

    private final List<String> names;

    private LiveThreads(List<String> names) {
        this.names = names;
    }

    public static LiveThreads now() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return new LiveThreads(threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList());
    }

    public int count() {
        return names.size();
    }

    /**
     * Threads alive now that were not in {@code before} (by name, with repeats), except the pools of JDK HTTP
     * clients (the schema-registry lookups of the test's own consumers; they end when their client is
     * collected) and Awaitility's poller.
     */
    public List<String> addedSince(LiveThreads before) {
        List<String> added = new ArrayList<>(names.stream()
                .filter(name -> !name.startsWith("HttpClient-") && !name.startsWith("awaitility")).toList());
        for (String name : before.names) {
            added.remove(name);
        }
        return added;
    }

    @Override
    public String toString() {
        return names.size() + " threads";
    }
}
