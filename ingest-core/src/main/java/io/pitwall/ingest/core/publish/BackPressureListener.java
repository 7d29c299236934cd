package io.pitwall.ingest.core.publish;

/**
 * Told when the publisher starts or stops accepting more records without strain.
 *
 * <p>On {@code false} an ingest stops reading from its hardware (Netty: {@code autoRead=false} on
 * every hardware channel, see {@link AutoReadSwitch}); on {@code true} it reads again. Records it has
 * already decoded may still be published in between: the publisher keeps headroom for them.
 *
 * <p>Called on the publisher's callback thread, one notification at a time and in order, and only
 * when the state changed since the last notification. Must not block: hand work to the event loop.
 */
@FunctionalInterface
public interface BackPressureListener {

    void onWritabilityChanged(boolean writable);
}
