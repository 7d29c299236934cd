package io.pitwall.publisher.store;

/**
 * Told of every change in the {@link ServiceStore}, on the store's single writer thread, in order.
 * Implementations must not block: they run between two Kafka polls.
 */
public interface StoreListener {

    /** One document of a service was replaced. {@code current} already holds the new document. */
    void documentChanged(ServiceSnapshot current, DocumentKind kind);

    /** The service is gone (a tombstone); {@code last} is what it held. */
    void serviceRemoved(ServiceSnapshot last);

    /** The service behind the default route changed; null when no service is the default now. */
    default void defaultChanged(ServiceSnapshot current) {
    }
}
