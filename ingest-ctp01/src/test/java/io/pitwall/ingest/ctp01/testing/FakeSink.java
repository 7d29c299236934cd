package io.pitwall.ingest.ctp01.testing;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.publish.PublishException;
import io.pitwall.ingest.ctp01.session.EventSink;
import io.pitwall.schemas.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Records what a session publishes; the test decides when (and whether) Kafka "acknowledges" it. */
public final class FakeSink implements EventSink {

    /** One publish call and its pending outcome. */
    public record Published(TopicSpec topic, String venue, SpecificRecord event, CompletableFuture<RecordMetadata> stage) {

        public void ack() {
            stage.complete(new RecordMetadata(new TopicPartition(topic.name(), 0), 0, 0, 0, 0, 0));
        }

        public void fail() {
            stage.completeExceptionally(new PublishException(PublishException.Reason.CLOSED, "test: publisher closed"));
        }
    }

    private final List<Published> published = new ArrayList<>();
    private boolean autoAck;

    /** Acknowledge every record at once, as a healthy Kafka would. */
    public FakeSink autoAck(boolean on) {
        autoAck = on;
        return this;
    }

    @Override
    public synchronized CompletionStage<RecordMetadata> publish(TopicSpec topic, String venueId, SpecificRecord event) {
        Published p = new Published(topic, venueId, event, new CompletableFuture<>());
        published.add(p);
        if (autoAck) {
            p.ack();
        }
        return p.stage();
    }

    public synchronized List<Published> all() {
        return List.copyOf(published);
    }

    public synchronized List<Passing> passings() {
        return published.stream().filter(p -> p.event() instanceof Passing).map(p -> (Passing) p.event()).toList();
    }

    public synchronized List<DecoderStatus> statuses() {
        return published.stream().filter(p -> p.event() instanceof DecoderStatus).map(p -> (DecoderStatus) p.event())
                .toList();
    }

    /** The publish calls of passings, in order, to acknowledge or fail one by one. */
    public synchronized List<Published> passingCalls() {
        return published.stream().filter(p -> p.event() instanceof Passing).toList();
    }

    public synchronized void ackAll() {
        published.forEach(p -> {
            if (!p.stage().isDone()) {
                p.ack();
            }
        });
    }
}
