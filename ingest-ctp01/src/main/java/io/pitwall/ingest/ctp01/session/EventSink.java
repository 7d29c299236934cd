package io.pitwall.ingest.ctp01.session;

import io.pitwall.schemas.catalog.TopicSpec;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Where sessions publish events: ingest-core's {@code DurablePublisher} in the service
 * ({@code context.publisher()::publish}), a controllable fake in unit tests. Same contract: never
 * blocks, and the stage completes normally only once Kafka acknowledged the record.
 */
@FunctionalInterface
public interface EventSink {

    CompletionStage<RecordMetadata> publish(TopicSpec topic, String venueId, SpecificRecord event);
}
