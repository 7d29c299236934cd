package io.pitwall.ingest.ctp01.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.ctp01.Ctp01Config;
import io.pitwall.ingest.ctp01.codec.AuthenticationSeedGenerator;
import io.pitwall.ingest.ctp01.codec.Ctp01Codec;
import io.pitwall.ingest.ctp01.codec.Ctp01LineParser;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.resume.ResumeTracker;
import io.pitwall.ingest.ctp01.testing.FakeSink;
import io.pitwall.ingest.ctp01.testing.InMemoryResumeStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sessions on Netty {@link EmbeddedChannel}s with the real codec, a {@link FakeSink} and an in-memory
 * resume store; several connections share them, as in the server.
 */
final class SessionHarness {

    static final Instant NOW = Instant.parse("2025-07-26T12:00:00Z");

    final FakeSink sink = new FakeSink();
    final InMemoryResumeStore store = new InMemoryResumeStore();
    final ResumeTracker tracker = new ResumeTracker(store);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry, "CTP01");
    final Ctp01Config config;
    final SessionServices services;

    SessionHarness(String... options) {
        List<String> args = new ArrayList<>(Arrays.asList(options));
        config = Ctp01Config.from(ConfigLoader.of(Ctp01Config.FIELDS).environment(Map.of())
                .commandLine(args.toArray(String[]::new)).load(), Map.of("SPA_TIMER_PASSWORD", "from-env"));
        services = new SessionServices(config, sink, metrics, new SessionMetrics(registry), tracker,
                new ActiveSessions(), new AuthenticationSeedGenerator(), Clock.fixed(NOW, ZoneOffset.UTC), channel -> { });
    }

    Connection connect() {
        return connect(config.listeners().get(0));
    }

    Connection connect(Listener listener) {
        Ctp01Session session = new Ctp01Session(services, listener);
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                Ctp01Codec.install(ch.pipeline(), listener.onlyVenue().map(v -> v.parser())
                        .orElseGet(() -> Ctp01LineParser.beforeVenueKnown(listener.greeting().timeFormat())),
                        config.maxLineLength());
                ch.pipeline().addLast(session);
            }
        });
        return new Connection(channel, session);
    }

    double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    /** One client connection. */
    static final class Connection {
        final EmbeddedChannel channel;
        final Ctp01Session session;

        Connection(EmbeddedChannel channel, Ctp01Session session) {
            this.channel = channel;
            this.session = session;
        }

        /** Sends lines from the client (CR LF added) and runs what they trigger. */
        Connection send(String... lines) {
            for (String line : lines) {
                channel.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
            }
            run();
            return this;
        }

        void run() {
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
            channel.runPendingTasks();
        }

        /** Lines the server wrote since the last call. */
        List<String> received() {
            run();
            StringBuilder text = new StringBuilder();
            ByteBuf buf;
            while ((buf = channel.readOutbound()) != null) {
                text.append(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            }
            List<String> lines = new ArrayList<>();
            for (String line : text.toString().split("\r\n", -1)) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** Greets and returns the server's greeting lines. */
        List<String> greet() {
            send("SimpleClient~0.5.0~CTP01");
            return received();
        }

        String seed(List<String> greeting) {
            return greeting.stream().filter(l -> l.startsWith("authentication-seed=")).findFirst()
                    .map(l -> l.substring("authentication-seed=".length())).orElse(null);
        }
    }
}
