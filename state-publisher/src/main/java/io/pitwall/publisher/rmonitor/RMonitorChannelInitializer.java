package io.pitwall.publisher.rmonitor;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.http.ConnectionGate;
import io.pitwall.publisher.metrics.PublisherMetrics;

/** The pipeline of the RMonitor port: the shared connection limit, then one {@link RMonitorClient}. */
public final class RMonitorChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final RMonitorFeed feed;
    private final FanoutSettings settings;
    private final PublisherMetrics metrics;
    private final int maxConnections;

    public RMonitorChannelInitializer(RMonitorFeed feed, FanoutSettings settings, PublisherMetrics metrics,
                                      int maxConnections) {
        this.feed = feed;
        this.settings = settings;
        this.metrics = metrics;
        this.maxConnections = maxConnections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("gate", new ConnectionGate(maxConnections, false, metrics));
        ch.pipeline().addLast("rmonitor", new RMonitorClient(feed, settings, metrics));
    }
}
