package io.pitwall.ingest.smartrace.server;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.core.publish.PublishException;
import io.pitwall.schemas.catalog.TopicSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/** Stands in for the durable publisher: records every event, acknowledges at once unless told to refuse. */
final class RecordingSink implements EventSink {

    record Published(String topic, String venueId, SpecificRecord event) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private volatile Predicate<SpecificRecord> refuse = e -> false;

    @Override
    public CompletionStage<?> publish(TopicSpec topic, String venueId, SpecificRecord event) {
        if (refuse.test(event)) {
            return CompletableFuture.failedFuture(new PublishException(PublishException.Reason.BUFFER_FULL, "refused by test"));
        }
        published.add(new Published(topic.name(), venueId, event));
        return CompletableFuture.completedFuture(null);
    }

    /** Events matching {@code refuse} fail as a full publisher would fail them. */
    void refuse(Predicate<SpecificRecord> refuse) {
        this.refuse = refuse;
    }

    List<Passing> passings() {
        return published.stream().filter(p -> p.event() instanceof Passing).map(p -> (Passing) p.event()).toList();
    }

    List<SessionControl> controls() {
        return published.stream().filter(p -> p.event() instanceof SessionControl).map(p -> (SessionControl) p.event()).toList();
    }

    List<DecoderStatus> statuses() {
        return published.stream().filter(p -> p.event() instanceof DecoderStatus).map(p -> (DecoderStatus) p.event()).toList();
    }

    List<Published> all() {
        return List.copyOf(published);
    }
}
