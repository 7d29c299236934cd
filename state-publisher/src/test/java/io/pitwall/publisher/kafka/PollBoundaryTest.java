package io.pitwall.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.DefaultServiceSelector;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceSnapshot;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.store.StoreListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever mix of valid documents, poison values and tombstones the topics hold, what the
 * publisher ends up serving does not depend on how the records were split into polls. The reference
 * is the same applier given one record per poll, i.e. every record applied in order (a valid document
 * replaces, poison is skipped and the previous document stays, a tombstone ends the service). The
 * store listeners (what viewers are sent) must end up agreeing with the store too.
 */
class PollBoundaryTest {

    private static final String MANIFESTS = "m";
    private static final String STATES = "s";
    private static final List<String> UUIDS = List.of("a", "b", "c");

    /** Shared: this property is about the store, not the counters, and a registry per case costs more than the case. */
    private static final PublisherMetrics METRICS = new PublisherMetrics();

    @AfterAll
    static void closeMetrics() {
        METRICS.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** One publisher: store, applier, and a listener mirroring what it was told. */
    private static final class Publisher implements StoreListener {
        final ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
        final RecordApplier applier = new RecordApplier(Map.of(MANIFESTS, DocumentKind.MANIFEST, STATES, DocumentKind.STATE),
                store, new DocumentParser(Fixtures.MAPPER), METRICS);
        final Map<String, Map<DocumentKind, String>> told = new TreeMap<>();

        Publisher() {
            store.addListener(this);
        }

        @Override
        public void documentChanged(ServiceSnapshot current, DocumentKind kind) {
            told.computeIfAbsent(current.uuid(), u -> new TreeMap<>()).put(kind, current.document(kind).etag());
        }

        @Override
        public void serviceRemoved(ServiceSnapshot last) {
            told.remove(last.uuid());
        }

        Map<String, Map<DocumentKind, String>> stored() {
            Map<String, Map<DocumentKind, String>> out = new TreeMap<>();
            for (ServiceSnapshot s : store.all()) {
                Map<DocumentKind, String> docs = new TreeMap<>();
                for (DocumentKind k : DocumentKind.values()) {
                    Document d = s.document(k);
                    if (d != null) {
                        docs.put(k, d.etag());
                    }
                }
                out.put(s.uuid(), docs);
            }
            return out;
        }
    }

    private static List<ConsumerRecord<String, byte[]>> history(Random random) {
        int n = 1 + random.nextInt(40);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uuid = UUIDS.get(random.nextInt(UUIDS.size()));
            boolean manifest = random.nextBoolean();
            int roll = random.nextInt(10);
            String value;
            if (roll < 5) {
                value = manifest
                        ? "{\"uuid\":\"" + uuid + "\",\"name\":\"v" + i + "\",\"startTime\":" + i + ",\"colSpec\":[]}"
                        : "{\"cars\":[],\"lastUpdated\":" + i + "}";
            } else if (roll < 8) {
                value = switch (random.nextInt(3)) {
                    case 0 -> "{\"cars\":";
                    case 1 -> manifest ? "{\"cars\":[]}" : "{\"colSpec\":[]}";
                    default -> "";
                };
            } else {
                value = null;
            }
            records.add(new ConsumerRecord<>(manifest ? MANIFESTS : STATES, 0, i, uuid,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void whatIsServedDoesNotDependOnPollBoundaries(long seed) {
        Random random = new Random(seed);
        List<ConsumerRecord<String, byte[]>> records = history(random);

        Publisher oneByOne = new Publisher();
        for (ConsumerRecord<String, byte[]> r : records) {
            oneByOne.applier.apply(List.of(r), System.nanoTime());
        }

        Publisher batched = new Publisher();
        int i = 0;
        while (i < records.size()) {
            int size = 1 + random.nextInt(random.nextBoolean() ? records.size() : 4);
            int end = Math.min(records.size(), i + size);
            batched.applier.apply(records.subList(i, end), System.nanoTime());
            i = end;
        }

        assertThat(batched.stored()).as("store, history %s", describe(records)).isEqualTo(oneByOne.stored());
        assertThat(batched.told).as("what listeners were told").isEqualTo(batched.stored());
        assertThat(new String(batched.store.directory().bytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(oneByOne.store.directory().bytes(), StandardCharsets.UTF_8));
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> records) {
        StringBuilder b = new StringBuilder();
        for (ConsumerRecord<String, byte[]> r : records) {
            String v = r.value() == null ? "TOMBSTONE" : new String(r.value(), StandardCharsets.UTF_8);
            b.append("\n  ").append(r.topic()).append('/').append(r.key()).append(' ').append(v);
        }
        return b.toString();
    }
}
