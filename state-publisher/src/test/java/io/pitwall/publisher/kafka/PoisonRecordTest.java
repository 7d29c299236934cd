package io.pitwall.publisher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.fanout.FrameEncoder;
import io.pitwall.publisher.fanout.T71RecordingSubscriber;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.DefaultServiceSelector;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values on the Timing71 topics that are not the promised JSON ("poison"), fed to the real
 * {@link RecordApplier}, store and feed hub as the records of one poll or of several: a poison value is
 * skipped and counted, and never costs a service a valid document, its directory entry or its viewers.
 */
class PoisonRecordTest {

    static final String MANIFESTS = "timing71.manifests";
    static final String STATES = "timing71.states";

    /** Values a wrong producer could write: broken JSON, Avro-ish bytes, empty, JSON of the wrong shape. */
    static final List<byte[]> POISONS = List.of(
            "{\"cars\":[".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 0, 0, 0, 7, 2, 'x', (byte) 0xff},
            new byte[0],
            "[1,2,3]".getBytes(StandardCharsets.UTF_8),
            "{\"session\":{}}".getBytes(StandardCharsets.UTF_8));

    private final PublisherMetrics metrics = new PublisherMetrics();
    private final ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
    private final FeedHub hub = new FeedHub(store, new FrameEncoder(UnpooledByteBufAllocator.DEFAULT, false, 6));
    private final RecordApplier applier = new RecordApplier(
            Map.of(MANIFESTS, DocumentKind.MANIFEST, STATES, DocumentKind.STATE),
            store, new DocumentParser(Fixtures.MAPPER), metrics);
    private final ObjectNode baseState = Fixtures.state(Fixtures.ELMS);
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private long offset;

    PoisonRecordTest() {
        store.addListener(hub);
    }

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        metrics.close();
    }

    // ------------------------------------------------------------------ records

    private Produced manifest(String uuid) {
        return new Produced(MANIFESTS, uuid, Fixtures.bytes(Fixtures.manifest(Fixtures.ELMS, uuid, "Session " + uuid)));
    }

    private ObjectNode stateJson(int n) {
        return Fixtures.advanced(baseState, n, 1_700_000_000_000L + n);
    }

    private Produced state(String uuid, int n) {
        return new Produced(STATES, uuid, Fixtures.bytes(stateJson(n)));
    }

    private static Produced poison(String topic, String uuid, int which) {
        return new Produced(topic, uuid, POISONS.get(which % POISONS.size()));
    }

    private static Produced tombstone(String topic, String uuid) {
        return new Produced(topic, uuid, null);
    }

    /** A record as a producer wrote it; {@link #poll} gives it an offset. */
    record Produced(String topic, String key, byte[] value) {
    }

    /** Applies the records as the result of one poll. */
    private void poll(Produced... records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (Produced r : records) {
            batch.add(new ConsumerRecord<>(r.topic(), 0, offset++, r.key(), r.value()));
        }
        applier.apply(batch, System.nanoTime());
    }

    private double invalid(String topic) {
        return metrics.registry().get("pitwall.publisher.records.invalid").tag("topic", topic).counter().count();
    }

    private Optional<JsonNode> stored(String uuid, DocumentKind kind) {
        return store.get(uuid).map(s -> s.document(kind)).map(d -> d.json());
    }

    private List<String> directory() throws Exception {
        List<String> uuids = new ArrayList<>();
        Fixtures.MAPPER.readTree(store.directory().bytes()).path("services").forEach(s -> uuids.add(s.path("uuid").asText()));
        return uuids;
    }

    // ------------------------------------------------------------------ viewers

    /** A client of the hub on an EmbeddedChannel: records the Timing71 messages it is written. */
    private final class Viewer extends T71RecordingSubscriber {
        final EmbeddedChannel ch;
        final List<JsonNode> received = new ArrayList<>();

        Viewer(EmbeddedChannel ch) {
            super(ch, new FanoutSettings(Duration.ofHours(1), Duration.ofHours(1)), PoisonRecordTest.this.metrics);
            this.ch = ch;
        }

        /** Every message written so far, in order. */
        List<JsonNode> messages() {
            ch.runPendingTasks();
            ByteBuf b;
            while ((b = ch.readOutbound()) != null) {
                received.add(Fixtures.parse(b.toString(StandardCharsets.UTF_8)));
                b.release();
            }
            return received;
        }

        JsonNode last(String type) {
            List<JsonNode> all = messages();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).path("type").asText().equals(type)) {
                    return all.get(i);
                }
            }
            return null;
        }
    }

    private Viewer viewer() {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        return new Viewer(ch);
    }

    private Viewer watchDefault() {
        Viewer v = viewer();
        v.ch.eventLoop().execute(() -> hub.subscribeDefault(v));
        v.ch.runPendingTasks();
        return v;
    }

    private Viewer watch(String uuid) {
        Viewer v = viewer();
        v.ch.eventLoop().execute(() -> hub.subscribe(uuid, v));
        v.ch.runPendingTasks();
        return v;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void poisonBeforeTheFirstManifestAndStateLeavesNoTraceAndTheValidOnesArrive() throws Exception {
        Viewer early = watchDefault();
        poll(poison(STATES, "a", 0));
        poll(poison(MANIFESTS, "a", 1));

        assertThat(store.get("a")).as("no half-registered service").isEmpty();
        assertThat(directory()).isEmpty();
        assertThat(invalid(STATES)).isEqualTo(1);
        assertThat(invalid(MANIFESTS)).isEqualTo(1);
        assertThat(early.messages()).isEmpty();

        poll(manifest("a"));
        poll(state("a", 1));
        poll(state("a", 2));

        assertThat(directory()).containsExactly("a");
        assertThat(stored("a", DocumentKind.STATE)).contains(stateJson(2));
        // the viewer's event loop ran no task between the two states, so it may get only the newer one
        assertThat(early.messages()).first().extracting(m -> m.path("type").asText()).isEqualTo("MANIFEST_UPDATE");
        assertThat(early.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(2));

        Viewer late = watch("a");
        assertThat(late.messages()).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
        assertThat(late.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(2));
    }

    @Test
    void poisonAndTheValidDocumentsAfterItInOnePollGiveTheValidOnes() throws Exception {
        Viewer early = watchDefault();
        poll(poison(STATES, "a", 2), poison(MANIFESTS, "a", 3), manifest("a"), state("a", 1), state("a", 2));

        assertThat(directory()).containsExactly("a");
        assertThat(stored("a", DocumentKind.STATE)).contains(stateJson(2));
        assertThat(early.last("MANIFEST_UPDATE")).isNotNull();
        assertThat(early.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(2));
        // superseded within the poll, the poison is never parsed, so it is not counted either
        assertThat(invalid(STATES)).isZero();
        assertThat(invalid(MANIFESTS)).isZero();
    }

    @Test
    void poisonAfterAValidDocumentInTheSamePollDoesNotDiscardIt() throws Exception {
        // a restart reads a topic's whole history in one poll: what the publisher shows must not depend on that
        Viewer early = watchDefault();
        poll(manifest("a"), state("a", 1), poison(MANIFESTS, "a", 0), poison(STATES, "a", 4));

        assertThat(directory()).as("the valid manifest before the poison lists the service").containsExactly("a");
        assertThat(stored("a", DocumentKind.STATE)).contains(stateJson(1));
        assertThat(invalid(STATES)).isEqualTo(1);
        assertThat(invalid(MANIFESTS)).isEqualTo(1);
        assertThat(early.messages()).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
        assertThat(early.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(1));
    }

    @Test
    void poisonAfterTheFirstStateKeepsThePreviousOneForEveryViewer() throws Exception {
        poll(manifest("a"), state("a", 1));
        Viewer before = watch("a");
        poll(poison(STATES, "a", 0));
        poll(poison(MANIFESTS, "a", 1));
        Viewer after = watch("a");

        assertThat(stored("a", DocumentKind.STATE)).contains(stateJson(1));
        assertThat(before.messages()).hasSize(2);
        assertThat(after.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(1));

        poll(state("a", 2));
        assertThat(before.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(2));
        assertThat(after.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(2));
    }

    @Test
    void poisonForOneServiceLeavesAnotherAlone() throws Exception {
        poll(manifest("a"), state("a", 1), manifest("b"), state("b", 1));
        Viewer a = watch("a");
        Viewer b = watch("b");
        a.messages();
        b.messages();

        poll(poison(STATES, "a", 0), state("b", 2), poison(MANIFESTS, "a", 1));
        poll(state("b", 3), poison(STATES, "a", 3));

        assertThat(directory()).containsExactlyInAnyOrder("a", "b");
        assertThat(stored("a", DocumentKind.STATE)).contains(stateJson(1));
        assertThat(stored("b", DocumentKind.STATE)).contains(stateJson(3));
        assertThat(a.messages()).as("nothing new for a").hasSize(2);
        assertThat(b.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(3));
        assertThat(invalid(STATES)).isEqualTo(2);
    }

    @Test
    void aTombstoneAfterPoisonRemovesTheServiceCleanly() throws Exception {
        poll(manifest("a"), state("a", 1), manifest("b"), state("b", 1));
        Viewer a = watch("a");
        poll(poison(STATES, "a", 0));
        poll(tombstone(STATES, "a"), tombstone(MANIFESTS, "a"));

        assertThat(store.get("a")).isEmpty();
        assertThat(directory()).containsExactly("b");
        a.messages();
        assertThat(a.ended()).as("the viewer was told the service ended").isTrue();

        // and in one poll: poison, tombstones, more poison
        poll(poison(MANIFESTS, "b", 1), tombstone(STATES, "b"), poison(STATES, "b", 2), tombstone(MANIFESTS, "b"),
                poison(MANIFESTS, "b", 4));
        assertThat(store.get("b")).isEmpty();
        assertThat(directory()).isEmpty();
        assertThat(store.defaultService()).isEmpty();
    }

    @Test
    void aStateWaitingForItsManifestReachesTheDefaultViewerOnceThePoisonedManifestIsReplaced() throws Exception {
        Viewer early = watchDefault();
        poll(state("a", 1));
        poll(poison(MANIFESTS, "a", 0));
        assertThat(directory()).isEmpty();
        assertThat(early.messages()).as("a service without a manifest is not the default").isEmpty();

        poll(manifest("a"));
        assertThat(early.messages()).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
        assertThat(early.last("STATE_UPDATE").path("state")).isEqualTo(stateJson(1));
    }
}
