package io.pitwall.publisher.kafka;

import io.micrometer.core.instrument.Counter;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records of one poll to the store, leaving it as applying them one by one would (valid
 * document: replaces; poison value: skipped, the previous document stays; tombstone: the service
 * ends), but touching only what survives: the newest valid document per service and kind after the
 * service's last tombstone in the batch. A publisher that fell behind thus jumps to the newest state
 * instead of replaying every intermediate one to clients.
 *
 * <p>Why not simply "the newest record per key": a poison value newest in the batch would then hide the
 * valid document, or the tombstone, just before it. Which records share a poll is chance (a restart
 * reads a topic's whole history in one), so a manifest followed by a poison value would leave the
 * service unlisted, or never ended, depending on timing.
 *
 * <p>Kafka orders records only within a partition; between the manifest and the state topic the
 * poll's own order stands for "in order", as any interleaving of the two is a possible history.
 */
final class RecordApplier {

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);

    private final Map<String, DocumentKind> topics;
    private final ServiceStore store;
    private final DocumentParser parser;
    private final PublisherMetrics metrics;
    private final Map<String, Counter> recordCounters = new HashMap<>();
    private final Map<String, Counter> invalidCounters = new HashMap<>();

    RecordApplier(Map<String, DocumentKind> topics, ServiceStore store, DocumentParser parser,
                  PublisherMetrics metrics) {
        this.topics = topics;
        this.store = store;
        this.parser = parser;
        this.metrics = metrics;
        for (String topic : topics.keySet()) {
            recordCounters.put(topic, metrics.counter("pitwall.publisher.records",
                    "Records read from the Timing71 topics", "topic", topic));
            invalidCounters.put(topic, metrics.counter("pitwall.publisher.records.invalid",
                    "Records whose value is not the JSON document the topic promises (skipped)", "topic", topic));
        }
    }

    /** What the batch decided for one service so far, walking from its newest record back. */
    private static final class Decided {
        final EnumSet<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        /** A tombstone was seen: everything older in the batch is void. */
        boolean ended;
    }

    /** A change to make: {@code document} null means remove the service. */
    private record Change(ConsumerRecord<String, byte[]> record, DocumentKind kind, Document document) {
    }

    void apply(Iterable<ConsumerRecord<String, byte[]>> records, long receivedNanos) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            recordCounters.get(r.topic()).increment();
            if (r.key() == null) {
                invalidCounters.get(r.topic()).increment();
                log.warn("Skipping record without a key at {}-{}@{}", r.topic(), r.partition(), r.offset());
                continue;
            }
            batch.add(r);
        }
        Map<String, Decided> decided = new HashMap<>();
        List<Change> newestFirst = new ArrayList<>();
        for (int i = batch.size() - 1; i >= 0; i--) {
            ConsumerRecord<String, byte[]> r = batch.get(i);
            DocumentKind kind = topics.get(r.topic());
            Decided service = decided.computeIfAbsent(r.key(), u -> new Decided());
            if (service.ended) {
                continue;
            }
            if (r.value() == null) {
                // even on a topic whose newer document is decided: the tombstone ends the other kinds before it
                service.ended = true;
                newestFirst.add(new Change(r, kind, null));
                continue;
            }
            if (service.kinds.contains(kind)) {
                continue;
            }
            try {
                newestFirst.add(new Change(r, kind, parser.parse(kind, r.value(), receivedNanos, r.timestamp())));
                service.kinds.add(kind);
            } catch (DocumentParser.InvalidDocumentException ex) {
                // skipped: an older record of the same kind in this batch, if valid, is the document to keep
                invalidCounters.get(r.topic()).increment();
                log.warn("Skipping {} of service {} at {}-{}@{}: {}", kind, r.key(), r.topic(),
                        r.partition(), r.offset(), ex.getMessage());
            }
        }
        long now = System.currentTimeMillis();
        boolean live = store.isReady();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Change c = newestFirst.get(i);
            String uuid = c.record().key();
            if (live) {
                metrics.recordAge(now - c.record().timestamp());
            }
            try {
                if (c.document() == null) {
                    store.remove(uuid);
                } else {
                    store.put(c.kind(), uuid, c.document());
                }
            } catch (RuntimeException ex) {
                // a bug in a listener must not stop the feed for every other service
                log.error("Applying {} of service {} failed", c.kind(), uuid, ex);
            }
        }
    }
}
