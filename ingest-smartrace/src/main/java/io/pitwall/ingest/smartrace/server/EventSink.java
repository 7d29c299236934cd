package io.pitwall.ingest.smartrace.server;

import io.pitwall.schemas.catalog.TopicSpec;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where events go: in the service, ingest-core's {@code DurablePublisher::publish}, whose stage
 * completes only once Kafka acknowledged the record. Tests substitute their own.
 */
@FunctionalInterface
public interface EventSink {

    CompletionStage<?> publish(TopicSpec topic, String venueId, SpecificRecord event);
}
