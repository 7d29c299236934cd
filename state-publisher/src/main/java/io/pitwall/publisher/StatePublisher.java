package io.pitwall.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.pitwall.publisher.config.PublisherConfig;
import io.pitwall.publisher.fanout.FanoutSettings;
import io.pitwall.publisher.fanout.FeedHub;
import io.pitwall.publisher.fanout.FrameEncoder;
import io.pitwall.publisher.http.HealthCheck;
import io.pitwall.publisher.http.HttpChannelInitializer;
import io.pitwall.publisher.http.HttpRouter;
import io.pitwall.publisher.kafka.TopicFollower;
import io.pitwall.publisher.metrics.PublisherMetrics;
import io.pitwall.publisher.rmonitor.RMonitorChannelInitializer;
import io.pitwall.publisher.rmonitor.RMonitorFeed;
import io.pitwall.publisher.sse.SseUpgrade;
import io.pitwall.publisher.store.DefaultServiceSelector;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import io.pitwall.publisher.store.ServiceStore;
import io.pitwall.publisher.t71.T71Upgrade;
import io.pitwall.publisher.web.StaticResources;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state publisher, assembled: the Kafka follower fills the store; the store tells the feed hub
 * (WebSocket and SSE subscribers) and the RMonitor feed; Netty serves the HTTP, Timing71 and RMonitor
 * ports. {@link PublisherMain} runs it as a service; the launcher and tests embed it.
 */
public final class StatePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatePublisher.class);

    private final PublisherConfig config;
    private final PublisherMetrics metrics = new PublisherMetrics();
    private final ServiceStore store;
    private final FeedHub hub;
    private final RMonitorFeed rmonitor;
    private final TopicFollower follower;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    private boolean closed;
    private int httpPort = -1;
    private int t71Port = -1;
    private int rmonitorPort = -1;

    public StatePublisher(PublisherConfig config) {
        this(config, null);
    }

    /**
     * @param consumerOverrides extra Kafka consumer properties (tests); null for none beyond the config
     */
    public StatePublisher(PublisherConfig config, Properties consumerOverrides) {
        this.config = config;
        ObjectMapper mapper = new ObjectMapper();
        this.store = new ServiceStore(new DefaultServiceSelector(config.get(PublisherConfig.DEFAULT_SERVICE)), mapper);
        FrameEncoder encoder = new FrameEncoder(PooledByteBufAllocator.DEFAULT, config.get(PublisherConfig.WS_COMPRESSION), 6);
        this.hub = new FeedHub(store, encoder);
        this.rmonitor = new RMonitorFeed(store, Clock.systemUTC(), config.rmonitorZone());
        store.addListener(hub);
        store.addListener(rmonitor);

        Properties consumer = TopicFollower.consumerDefaults();
        consumer.putAll(config.kafkaOverrides());
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(PublisherConfig.KAFKA_BOOTSTRAP));
        if (consumerOverrides != null) {
            consumer.putAll(consumerOverrides);
        }
        Map<String, DocumentKind> topics = new LinkedHashMap<>();
        topics.put(config.get(PublisherConfig.MANIFESTS_TOPIC), DocumentKind.MANIFEST);
        topics.put(config.get(PublisherConfig.STATES_TOPIC), DocumentKind.STATE);
        String analysis = config.get(PublisherConfig.ANALYSIS_TOPIC);
        if (!analysis.isBlank()) {
            topics.put(analysis, DocumentKind.ANALYSIS);
        }
        this.follower = new TopicFollower(consumer, topics, store, new DocumentParser(mapper), metrics);

        int threads = config.get(PublisherConfig.IO_THREADS);
        this.acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = threads == 0
                ? new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());

        metrics.gauge("pitwall.publisher.services.live", "Services with a manifest", store::liveCount);
        metrics.gauge("pitwall.publisher.ready", "1 once the topics were read up to their end at start",
                () -> store.isReady() ? 1 : 0);
    }

    /** Binds every port and starts following Kafka; returns once the ports accept connections. */
    public StatePublisher start() throws InterruptedException {
        FanoutSettings settings = new FanoutSettings(config.get(PublisherConfig.KEEPALIVE_INTERVAL),
                config.get(PublisherConfig.SLOW_CLIENT_TIMEOUT));
        String cors = config.get(PublisherConfig.CORS_ORIGIN);
        int maxConnections = config.get(PublisherConfig.MAX_CONNECTIONS);
        T71Upgrade t71 = new T71Upgrade(hub, settings, metrics, config.get(PublisherConfig.WS_COMPRESSION));
        SseUpgrade sse = new SseUpgrade(hub, settings, metrics, cors);
        StaticResources web = new StaticResources("web");
        HealthCheck health = new HealthCheck(follower::isAlive, store::isReady);

        follower.start();
        rmonitor.start(workers);

        httpPort = bind(config.get(PublisherConfig.HTTP_PORT), new HttpChannelInitializer(maxConnections,
                config.get(PublisherConfig.IDLE_TIMEOUT), metrics,
                () -> new HttpRouter(HttpRouter.Flavour.MAIN, store, t71, sse, web, metrics, health, cors)));
        if (config.get(PublisherConfig.T71_PORT) >= 0) {
            t71Port = bind(config.get(PublisherConfig.T71_PORT), new HttpChannelInitializer(maxConnections,
                    config.get(PublisherConfig.IDLE_TIMEOUT), metrics,
                    () -> new HttpRouter(HttpRouter.Flavour.T71_ONLY, store, t71, sse, web, metrics, health, cors)));
        }
        if (config.get(PublisherConfig.RMONITOR_PORT) >= 0) {
            rmonitorPort = bind(config.get(PublisherConfig.RMONITOR_PORT),
                    new RMonitorChannelInitializer(rmonitor, settings, metrics, maxConnections));
        }
        log.info("State publisher listening: http {}, t71 {}, rmonitor {}", httpPort, t71Port, rmonitorPort);
        return this;
    }

    private int bind(int port, ChannelHandler initializer) throws InterruptedException {
        int high = config.get(PublisherConfig.WRITE_BUFFER_HIGH);
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                // a reconnect storm after a network blip is thousands of clients at once
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(initializer);
        int sendBuffer = config.get(PublisherConfig.SEND_BUFFER);
        if (sendBuffer > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        Channel channel = b.bind(new InetSocketAddress(config.get(PublisherConfig.BIND_ADDRESS), port)).sync().channel();
        listeners.add(channel);
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int httpPort() {
        return httpPort;
    }

    /** -1 when the Timing71 port is off. */
    public int t71Port() {
        return t71Port;
    }

    /** -1 when the RMonitor port is off. */
    public int rmonitorPort() {
        return rmonitorPort;
    }

    public ServiceStore store() {
        return store;
    }

    public PublisherMetrics metrics() {
        return metrics;
    }

    public boolean isReady() {
        return store.isReady();
    }

    /** Idempotent: stops listening, stops following Kafka, closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel c : listeners) {
            c.close().syncUninterruptibly();
        }
        follower.close();
        rmonitor.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
    }
}
