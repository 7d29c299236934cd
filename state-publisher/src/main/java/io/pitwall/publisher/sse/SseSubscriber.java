package io.pitwall.publisher.sse;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.Frame;
import io.pitwall.publisher.fanout.Subscriber;
import io.pitwall.publisher.fanout.Transport;
import io.pitwall.publisher.metrics.PublisherMetrics;
import java.nio.charset.StandardCharsets;

/** A Server-Sent Events client: each update is one event in the chunked response body. */
final class SseSubscriber extends Subscriber {

    /** A comment line: ignored by EventSource, keeps proxies from timing the stream out. */
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "event: end\ndata: {\"reason\":\"service ended\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    SseSubscriber(Channel channel, FanoutSettings settings, PublisherMetrics metrics) {
        super(channel, Transport.SSE, settings, metrics);
    }

    @Override
    protected int write(Frame frame, ChannelPromise promise) {
        DefaultHttpContent chunk = new DefaultHttpContent(frame.sseEvent().retainedDuplicate());
        int bytes = chunk.content().readableBytes();
        channel.write(chunk, promise);
        return bytes;
    }

    @Override
    protected void writeKeepalive() {
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(KEEPALIVE)), channel.voidPromise());
    }

    @Override
    protected void endOfService() {
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(END)));
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
}
