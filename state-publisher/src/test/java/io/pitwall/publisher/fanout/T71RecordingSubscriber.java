package io.pitwall.publisher.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.pitwall.publisher.metrics.PublisherMetrics;

/**
 * A test client of the hub: writes each frame's Timing71 text to its channel as is (so a test on an
 * {@code EmbeddedChannel} reads back exactly what a client would get), and remembers being told the service ended.
 */
public class T71RecordingSubscriber extends Subscriber {

    private boolean ended;

    public T71RecordingSubscriber(Channel channel, FanoutSettings settings, PublisherMetrics metrics) {
        super(channel, Transport.T71, settings, metrics);
    }

    /** Whether the hub told this client that its service ended. */
    public boolean ended() {
        return ended;
    }

    @Override
    protected int write(Frame frame, ChannelPromise promise) {
        ByteBuf bytes = frame.t71Text().retainedDuplicate();
        channel.write(bytes, promise);
        return bytes.readableBytes();
    }

    @Override
    protected void writeKeepalive() {
    }

    @Override
    protected void endOfService() {
        ended = true;
        channel.close();
    }
}
