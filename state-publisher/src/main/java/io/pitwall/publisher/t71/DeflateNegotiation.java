package io.pitwall.publisher.t71;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * Negotiates permessage-deflate for one connection and remembers whether it was agreed, so the
 * subscriber knows to send the shared pre-compressed payload. Netty's deflate encoder passes frames
 * that already carry RSV1 through untouched; compression thus costs once per update, not per client.
 *
 * <p>Our payloads are compressed without context takeover, so we can grant a client's
 * {@code server_no_context_takeover}; we cannot honour a smaller {@code server_max_window_bits} (the
 * JDK deflater always uses 32 KiB), and then the extension is simply declined.
 */
final class DeflateNegotiation implements WebSocketServerExtensionHandshaker {

    /** Inflated size a client message may reach; clients only send control frames, so this is generous. */
    private static final int MAX_INFLATED = 64 * 1024;

    private final WebSocketServerExtensionHandshaker delegate = new PerMessageDeflateServerExtensionHandshaker(
            6, false, PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false, MAX_INFLATED);
    private volatile boolean agreed;

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData extensionData) {
        WebSocketServerExtension extension = delegate.handshakeExtension(extensionData);
        if (extension != null) {
            agreed = true;
        }
        return extension;
    }

    boolean agreed() {
        return agreed;
    }
}
