package io.pitwall.processor.errors;

import io.pitwall.schemas.catalog.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a poison record on an input topic from stopping the lap processor: the record goes to the
 * dead-letter topic as a {@link DeadLetterRecord} and processing continues with the next one. Kafka Streams
 * sends the dead-letter record through the task's own producer, inside the same transaction as the
 * processing results (KIP-1034), so under exactly-once it is written exactly once too.
 *
 * <p>A record that failed only because the schema registry was unreachable, or refused our credentials, is
 * not poison: the handler fails the stream thread and the record is read again after the thread is replaced
 * (see {@link DeserializationFailure}).
 *
 * <p>Configuration (in the Streams properties): {@value #TOPIC_CONFIG} (default {@code pitwall.dead-letter})
 * and, optionally, a {@link DeadLetterListener} object under {@value #LISTENER_CONFIG}.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    public static final String TOPIC_CONFIG = "pitwall.dead-letter.topic";
    public static final String LISTENER_CONFIG = "pitwall.dead-letter.listener";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic = Topics.DEAD_LETTER.name();
    private String application = "";
    private DeadLetterListener listener = DeadLetterListener.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configuredTopic = configs.get(TOPIC_CONFIG);
        if (configuredTopic != null) {
            topic = configuredTopic.toString();
        }
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (applicationId != null) {
            application = applicationId.toString();
        }
        Object configuredListener = configs.get(LISTENER_CONFIG);
        if (configuredListener instanceof DeadLetterListener l) {
            listener = l;
        } else if (configuredListener != null) {
            throw new IllegalArgumentException(LISTENER_CONFIG + " must be a " + DeadLetterListener.class.getName()
                    + " instance, not " + configuredListener.getClass().getName());
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        DeserializationFailure failure = DeserializationFailure.of(exception);
        if (!failure.deadLetter()) {
            LOG.warn("Cannot read {}-{}@{} because the schema registry is {}; failing the stream thread so the record"
                            + " is read again: {}", record.topic(), record.partition(), record.offset(),
                    failure == DeserializationFailure.REGISTRY_UNAVAILABLE ? "unavailable" : "refusing us",
                    DeadLetterRecord.reason(exception));
            return Response.fail();
        }
        LOG.warn("Poison record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(), topic,
                DeadLetterRecord.reason(exception));
        listener.deadLettered(record.topic());
        return Response.resume(List.of(DeadLetterRecord.of(topic, application, record.topic(), record.partition(),
                record.offset(), record.timestamp(), record.key(), record.value(), record.headers(), exception,
                System.currentTimeMillis())));
    }
}
