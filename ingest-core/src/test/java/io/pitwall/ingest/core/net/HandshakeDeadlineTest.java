package io.pitwall.ingest.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeDeadlineTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry, "TEST");

    @Test
    void aConnectionWithoutAFinishedUpgradeIsClosedAtTheDeadlineAndCounted() {
        EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDeadline(Duration.ofSeconds(10), metrics));
        channel.advanceTimeBy(9_900, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("open before the deadline").isTrue();

        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("closed at the deadline").isFalse();
        assertThat(registry.find(MetricNames.DECODE_ERRORS).tag(MetricNames.TAG_KIND, HandshakeDeadline.KIND)
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void aFinishedUpgradeCancelsTheDeadline() {
        EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDeadline(Duration.ofSeconds(10), metrics));
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/", new DefaultHttpHeaders(), null));
        channel.advanceTimeBy(60, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.pipeline().get(HandshakeDeadline.class)).as("removed once done").isNull();
        assertThat(registry.find(MetricNames.DECODE_ERRORS).counter()).isNull();
    }
}
