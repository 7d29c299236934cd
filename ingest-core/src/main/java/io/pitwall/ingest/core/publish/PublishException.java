package io.pitwall.ingest.core.publish;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a publish failed. A failed publish was not acknowledged by Kafka, so the ingest must not
 * confirm it to the hardware (which will then send it again).
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure; {@link #metricTag()} is the {@code reason} tag of the failure counter. */
    public enum Reason {
        /** The bound of outstanding records was reached: back-pressure was ignored or headroom ran out. */
        BUFFER_FULL,
        /** The value could not be serialized and retrying would not help (invalid record, incompatible schema). */
        SERIALIZATION,
        /** Kafka rejected the record for good (too large, not authorized, ...). */
        KAFKA,
        /** The publisher was closed before Kafka acknowledged the record. */
        CLOSED,
        /** The call itself was wrong (unknown topic, missing venue); a programming error in the ingest. */
        INVALID;

        public String metricTag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PublishException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
