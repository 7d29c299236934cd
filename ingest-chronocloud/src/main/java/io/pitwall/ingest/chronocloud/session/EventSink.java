package io.pitwall.ingest.chronocloud.session;

import io.pitwall.schemas.catalog.TopicSpec;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where sessions publish events: in the service the shared {@code DurablePublisher}, whose stage
 * completes normally only once Kafka acknowledged the record; in tests, anything that completes
 * stages on command.
 */
@FunctionalInterface
public interface EventSink {

    /** Publishes {@code event} keyed by {@code venue}; never blocks. */
    CompletionStage<?> publish(TopicSpec topic, String venue, SpecificRecord event);
}
