package io.pitwall.publisher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.store.DefaultServiceSelector;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-client conflation, driven deterministically: an EmbeddedChannel whose writability the test
 * switches, fed through the real store and hub.
 */
class ConflationTest {

    private final PublisherMetrics metrics = new PublisherMetrics();
    private final ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
    private final FeedHub hub = new FeedHub(store, new FrameEncoder(UnpooledByteBufAllocator.DEFAULT, false, 6));
    private final DocumentParser parser = new DocumentParser(Fixtures.MAPPER);
    private final FanoutSettings settings = new FanoutSettings(Duration.ofHours(1), Duration.ofHours(1));
    private final ObjectNode baseState = Fixtures.state(Fixtures.ELMS);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    ConflationTest() {
        store.addListener(hub);
    }

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        metrics.close();
    }

    /** Writes the frame's t71 text as is, so the test reads back exactly what a client would get. */
    private final class RecordingSubscriber extends T71RecordingSubscriber {
        RecordingSubscriber(EmbeddedChannel ch) {
            super(ch, ConflationTest.this.settings, ConflationTest.this.metrics);
        }
    }

    private RecordingSubscriber connect() {
        EmbeddedChannel ch = new EmbeddedChannel();
        // EmbeddedChannel runs queued tasks inside write(), so a burst of updates is written nested and
        // unflushed; a roomy water mark keeps that test artefact from looking like a slow client.
        // Slowness is then switched explicitly with setWritable().
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8 << 20, 16 << 20));
        channels.add(ch);
        RecordingSubscriber s = new RecordingSubscriber(ch);
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                s.writabilityChanged();
            }
        });
        return s;
    }

    private void put(DocumentKind kind, String uuid, JsonNode json) throws Exception {
        store.put(kind, uuid, parser.parse(kind, Fixtures.bytes(json), System.nanoTime(), 0));
    }

    private void putState(String uuid, int n) throws Exception {
        put(DocumentKind.STATE, uuid, Fixtures.advanced(baseState, n, 1_000_000L + n));
    }

    private static List<JsonNode> drain(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<JsonNode> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.add(Fixtures.parse(b.toString(StandardCharsets.UTF_8)));
            b.release();
        }
        return out;
    }

    private static void setWritable(EmbeddedChannel ch, boolean writable) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        ch.runPendingTasks();
    }

    @Test
    void aNewSubscriberGetsManifestThenStateAtOnceThenEveryChange() throws Exception {
        put(DocumentKind.MANIFEST, "s1", Fixtures.manifest(Fixtures.ELMS));
        putState("s1", 0);
        RecordingSubscriber client = connect();
        hub.subscribe("s1", client);
        List<JsonNode> first = drain((EmbeddedChannel) client.channel());
        assertThat(first).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");

        // the event loop runs between updates, as it does when it keeps up
        List<JsonNode> later = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            putState("s1", i);
            later.addAll(drain((EmbeddedChannel) client.channel()));
        }
        assertThat(later).extracting(m -> m.path("state").path("lastUpdated").asLong())
                .containsExactly(1_000_001L, 1_000_002L, 1_000_003L);
    }

    @Test
    void anEventLoopThatFallsBehindDeliversOnlyTheNewestUpdateToItsClients() throws Exception {
        put(DocumentKind.MANIFEST, "s1", Fixtures.manifest(Fixtures.ELMS));
        putState("s1", 0);
        RecordingSubscriber client = connect();
        hub.subscribe("s1", client);
        EmbeddedChannel ch = (EmbeddedChannel) client.channel();
        drain(ch);

        // the loop runs no task while 20 updates arrive (busy with thousands of other sockets)
        for (int i = 1; i <= 20; i++) {
            putState("s1", i);
        }
        assertThat(ch.hasPendingTasks()).isTrue();
        List<JsonNode> got = drain(ch);
        assertThat(got).as("one delivery of the newest, not a backlog of 20")
                .extracting(m -> m.path("state").path("lastUpdated").asLong()).containsExactly(1_000_020L);
        assertThat(ch.hasPendingTasks()).as("no queued deliveries left").isFalse();
        assertThat(metrics.registry().get("pitwall.publisher.updates.conflated").tag("transport", "t71").counter().count())
                .isEqualTo(19);

        putState("s1", 21);
        assertThat(drain(ch)).extracting(m -> m.path("state").path("lastUpdated").asLong()).containsExactly(1_000_021L);
    }

    @Test
    void aClientThatCannotKeepUpGetsOnlyTheNewestStateWhenItCatchesUp() throws Exception {
        put(DocumentKind.MANIFEST, "s1", Fixtures.manifest(Fixtures.ELMS));
        putState("s1", 0);
        RecordingSubscriber slow = connect();
        RecordingSubscriber fast = connect();
        hub.subscribe("s1", slow);
        hub.subscribe("s1", fast);
        EmbeddedChannel slowCh = (EmbeddedChannel) slow.channel();
        EmbeddedChannel fastCh = (EmbeddedChannel) fast.channel();
        drain(slowCh);
        drain(fastCh);

        setWritable(slowCh, false);
        List<JsonNode> fastGot = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            putState("s1", i);
            fastGot.addAll(drain(fastCh));
            assertThat(drain(slowCh)).as("nothing is queued for a full socket").isEmpty();
        }
        assertThat(fastGot).as("a fast client misses nothing")
                .extracting(m -> m.path("state").path("lastUpdated").asLong()).hasSize(50);
        assertThat(metrics.registry().get("pitwall.publisher.updates.conflated").tag("transport", "t71").counter().count())
                .isEqualTo(49);

        setWritable(slowCh, true);
        List<JsonNode> caughtUp = drain(slowCh);
        assertThat(caughtUp).hasSize(1);
        assertThat(caughtUp.get(0).path("state").path("lastUpdated").asLong()).isEqualTo(1_000_050L);
    }

    @Test
    void aManifestChangeWhileSlowIsStillSentBeforeTheNewestState() throws Exception {
        put(DocumentKind.MANIFEST, "s1", Fixtures.manifest(Fixtures.ELMS));
        putState("s1", 0);
        RecordingSubscriber slow = connect();
        hub.subscribe("s1", slow);
        EmbeddedChannel ch = (EmbeddedChannel) slow.channel();
        drain(ch);
        setWritable(ch, false);
        putState("s1", 1);
        ObjectNode renamed = Fixtures.manifest(Fixtures.ELMS);
        renamed.put("description", "4 Hours of Portimão - Race (red flagged)");
        put(DocumentKind.MANIFEST, "s1", renamed);
        putState("s1", 2);
        assertThat(drain(ch)).isEmpty();
        setWritable(ch, true);
        List<JsonNode> got = drain(ch);
        assertThat(got).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
        assertThat(got.get(0).path("manifest").path("description").asText()).endsWith("(red flagged)");
        assertThat(got.get(1).path("state").path("lastUpdated").asLong()).isEqualTo(1_000_002L);
    }

    @Test
    void subscribersOfAnEndedServiceAreToldAndDisconnected() throws Exception {
        put(DocumentKind.MANIFEST, "s1", Fixtures.manifest(Fixtures.ELMS));
        putState("s1", 0);
        RecordingSubscriber client = connect();
        hub.subscribe("s1", client);
        drain((EmbeddedChannel) client.channel());
        store.remove("s1");
        drain((EmbeddedChannel) client.channel());
        assertThat(client.ended()).isTrue();
        assertThat(client.channel().isActive()).isFalse();
        assertThat(hub.subscribers("s1")).isZero();
    }

    @Test
    void theDefaultFeedMovesToTheNextSessionWithoutReconnecting() throws Exception {
        put(DocumentKind.MANIFEST, "practice", Fixtures.manifest(Fixtures.ELMS, "practice", "Practice"));
        putState("practice", 0);
        RecordingSubscriber client = connect();
        hub.subscribeDefault(client);
        EmbeddedChannel ch = (EmbeddedChannel) client.channel();
        assertThat(drain(ch)).extracting(m -> m.path("manifest").path("name").asText("")).first().isEqualTo("Practice");

        store.remove("practice");
        put(DocumentKind.MANIFEST, "race", Fixtures.manifest(Fixtures.ELMS, "race", "Race"));
        putState("race", 7);
        List<JsonNode> got = drain(ch);
        assertThat(got).extracting(m -> m.path("type").asText()).containsExactly("MANIFEST_UPDATE", "STATE_UPDATE");
        assertThat(got.get(0).path("manifest").path("name").asText()).isEqualTo("Race");
        assertThat(client.channel().isActive()).as("the default route never ends").isTrue();
    }

    @Test
    void aServiceNobodyWatchesIsNotEncoded() throws Exception {
        put(DocumentKind.MANIFEST, "quiet", Fixtures.manifest(Fixtures.ELMS));
        putState("quiet", 0);
        assertThat(metrics.registry().get("pitwall.publisher.updates.sent").tag("transport", "t71").counter().count()).isZero();
        RecordingSubscriber client = connect();
        hub.subscribe("quiet", client);
        assertThat(drain((EmbeddedChannel) client.channel())).hasSize(2);
    }
}
