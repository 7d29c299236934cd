package io.pitwall.embedded;

/** A child JVM's main for tests: does nothing until it is told to stop. */
public final class SleepForever {

    private SleepForever() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
