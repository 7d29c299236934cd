package io.pitwall.ingest.smartrace.server;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.smartrace.bridge.BridgeMetrics;
import io.pitwall.ingest.smartrace.bridge.BridgeSettings;
import io.pitwall.ingest.smartrace.mapping.StreamEpochs;
import io.pitwall.ingest.smartrace.session.SensorSession;
import io.pitwall.ingest.smartrace.venue.VenueDirectory;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every sensor connection shares.
 *
 * @param venues         the served venues
 * @param sink           where events are published
 * @param ingestMetrics  ingest-core's standard meters
 * @param metrics        the Smartrace meters
 * @param backPressure   puts a channel under the publisher's back-pressure ({@code AutoReadSwitch::attach})
 * @param session        protocol settings
 * @param bridge         bridge mode settings, empty when off
 * @param bridgeMetrics  bridge meters
 * @param ssl            client TLS for {@code wss://} upstreams, null if none
 * @param epochs         stream epochs
 * @param clock          the receive clock
 */
public record ConnectionServices(VenueDirectory venues, EventSink sink, IngestMetrics ingestMetrics,
        SmartraceMetrics metrics, Consumer<Channel> backPressure, SensorSession.Settings session,
        Optional<BridgeSettings> bridge, BridgeMetrics bridgeMetrics, SslContext ssl, StreamEpochs epochs, Clock clock) {

    public ConnectionServices {
        Objects.requireNonNull(venues, "venues");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(ingestMetrics, "ingestMetrics");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(backPressure, "backPressure");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(bridgeMetrics, "bridgeMetrics");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(clock, "clock");
    }
}
