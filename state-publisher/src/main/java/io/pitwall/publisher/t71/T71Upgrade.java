package io.pitwall.publisher.t71;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.metrics.PublisherMetrics;

/**
 * Turns an HTTP connection whose request asked for a WebSocket into a Timing71 connection: adds the
 * permessage-deflate negotiation, Netty's WebSocket protocol handler for exactly the requested path,
 * and the {@link T71Handler}. The caller then passes the request on to perform the handshake.
 */
public final class T71Upgrade {

    /** Clients send only control frames and the odd text; anything bigger is not a Timing71 client. */
    private static final int MAX_CLIENT_FRAME = 16 * 1024;

    private final FeedHub hub;
    private final FanoutSettings settings;
    private final PublisherMetrics metrics;
    private final boolean compression;

    public T71Upgrade(FeedHub hub, FanoutSettings settings, PublisherMetrics metrics, boolean compression) {
        this.hub = hub;
        this.settings = settings;
        this.metrics = metrics;
        this.compression = compression;
    }

    /**
     * @param after       the handler to insert behind (the router, which then removes itself)
     * @param path        the request path, which the handshake must match exactly
     * @param serviceUuid the service, or null for the default service
     */
    public void install(ChannelPipeline pipeline, String after, String path, String serviceUuid) {
        String previous = after;
        DeflateNegotiation deflate = null;
        if (compression) {
            deflate = new DeflateNegotiation();
            pipeline.addAfter(previous, "ws-extensions", new WebSocketServerExtensionHandler(deflate));
            previous = "ws-extensions";
        }
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(false)
                .allowExtensions(compression)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_CLIENT_FRAME)
                        .allowExtensions(compression)
                        .build())
                .build();
        pipeline.addAfter(previous, "ws-protocol", new WebSocketServerProtocolHandler(config));
        pipeline.addAfter("ws-protocol", "t71", new T71Handler(hub, serviceUuid, deflate, settings, metrics));
    }
}
