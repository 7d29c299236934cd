package io.pitwall.publisher.t71;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.HashMap;
import java.util.Map;

/**
 * Negotiates permessage-deflate for one connection and remembers whether it was agreed, so the
 * subscriber knows to send the shared pre-compressed payload. Netty's deflate encoder passes frames
 * that already carry RSV1 through untouched; compression thus costs once per update, not per client.
 *
 * <p>Our payloads are compressed without context takeover, which is what lets one compressed frame be
 * valid for every client. The response always says so ({@code server_no_context_takeover}, which RFC
 * 7692 §7.1.1.1 lets a server add even when the client did not ask), so a browser can drop its 32 KiB
 * inflate window between messages. We cannot honour a smaller {@code server_max_window_bits} (the JDK
 * deflater always uses 32 KiB); then the extension is declined and the client shares the plain frame.
 */
final class DeflateNegotiation implements WebSocketServerExtensionHandshaker {

    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    /** Inflated size a client message may reach; clients only send control frames, so this is generous. */
    private static final int MAX_INFLATED = 64 * 1024;

    private final WebSocketServerExtensionHandshaker delegate = new PerMessageDeflateServerExtensionHandshaker(
            6, false, PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false, MAX_INFLATED);
    private volatile boolean agreed;

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData extensionData) {
        WebSocketServerExtension extension = delegate.handshakeExtension(extensionData);
        if (extension == null) {
            return null;
        }
        agreed = true;
        return new NoContextTakeover(extension);
    }

    boolean agreed() {
        return agreed;
    }

    /** The negotiated extension with {@code server_no_context_takeover} in its response. */
    private static final class NoContextTakeover implements WebSocketServerExtension {
        private final WebSocketServerExtension negotiated;

        NoContextTakeover(WebSocketServerExtension negotiated) {
            this.negotiated = negotiated;
        }

        @Override
        public WebSocketExtensionData newReponseData() {
            WebSocketExtensionData data = negotiated.newReponseData();
            Map<String, String> parameters = new HashMap<>(data.parameters());
            parameters.put(SERVER_NO_CONTEXT_TAKEOVER, null);
            return new WebSocketExtensionData(data.name(), parameters);
        }

        @Override
        public int rsv() {
            return negotiated.rsv();
        }

        @Override
        public WebSocketExtensionEncoder newExtensionEncoder() {
            return negotiated.newExtensionEncoder();
        }

        @Override
        public WebSocketExtensionDecoder newExtensionDecoder() {
            return negotiated.newExtensionDecoder();
        }
    }
}
