package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.core.publish.PublishException;
import io.pitwall.schemas.catalog.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/** An event sink whose publishes complete only when the test says Kafka acknowledged (or refused) them. */
public final class TestSink implements EventSink {

    /** One publish and its pending acknowledgement. */
    public record Published(TopicSpec topic, String venue, SpecificRecord event, CompletableFuture<Object> ack) {
        public void acknowledge() {
            ack.complete("offset");
        }

        public void fail() {
            ack.completeExceptionally(new PublishException(PublishException.Reason.BUFFER_FULL, "test: not stored"));
        }

        @Override
        public String toString() {
            return topic.name() + " " + venue + " " + event + (ack.isDone() ? " (settled)" : " (on its way)");
        }
    }

    private final List<Published> published = new ArrayList<>();
    private boolean autoAcknowledge;

    /** Every later publish is acknowledged at once. */
    public TestSink autoAcknowledge() {
        this.autoAcknowledge = true;
        return this;
    }

    @Override
    public synchronized CompletionStage<?> publish(TopicSpec topic, String venue, SpecificRecord event) {
        Published p = new Published(topic, venue, event, new CompletableFuture<>());
        published.add(p);
        if (autoAcknowledge) {
            p.acknowledge();
        }
        return p.ack();
    }

    public synchronized List<Published> all() {
        return List.copyOf(published);
    }

    public synchronized List<Published> on(TopicSpec topic) {
        return published.stream().filter(p -> p.topic().equals(topic)).toList();
    }

    public synchronized Published last() {
        return published.get(published.size() - 1);
    }
}
