package io.pitwall.ingest.core.publish;

import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Decides whether a serialization failure is worth retrying.
 *
 * <p>On race day the schema registry being briefly unreachable (pod restart, network blip) is a real
 * case; failing those records would lose passings the hardware may not resend, so they are retried
 * with backoff until the registry answers. A record the registry rejects (incompatible schema, bad
 * credentials) or that cannot be encoded (missing required field) fails at once: retrying would only
 * block every record behind it.
 *
 * <p>Transient means: the first {@link SchemaRegistryException} in the cause chain says it
 * {@linkplain SchemaRegistryException#isRetriable() is retriable} (registry unreachable, 5xx, 429); or,
 * when there is none, the chain holds an I/O failure or a Kafka {@link RetriableException}.
 */
public final class TransientFailures {

    /** The default classification described above. */
    public static final Predicate<Throwable> DEFAULT = TransientFailures::isTransient;

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        boolean ioOrRetriable = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                // the registry client knows best whether its call may succeed later
                return registry.isRetriable();
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof RetriableException) {
                ioOrRetriable = true;
            }
        }
        return ioOrRetriable;
    }
}
