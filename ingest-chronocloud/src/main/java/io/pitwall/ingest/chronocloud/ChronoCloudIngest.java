package io.pitwall.ingest.chronocloud;

import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.server.ChronoCloudServer;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import io.pitwall.ingest.chronocloud.session.PassingLedger;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.ServiceContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ChronoCloud 2 ingest: a WebSocket server for ChronoFly stations that publishes their passings
 * and status to Kafka and confirms each PDU only after Kafka acknowledged it. {@code IngestService}
 * does configuration, metrics, health and the publisher; this class wires the server to them.
 */
public final class ChronoCloudIngest implements Ingest {

    public static final String NAME = "ingest-chronocloud";
    /** Health and metrics port, next to the other ingests' (9401..9404). */
    public static final int DEFAULT_HTTP_PORT = 9403;

    private static final Logger LOG = LoggerFactory.getLogger(ChronoCloudIngest.class);

    private volatile ChronoCloudServer server;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return ChronoCloudMetrics.SOURCE;
    }

    @Override
    public int defaultHttpPort() {
        return DEFAULT_HTTP_PORT;
    }

    @Override
    public ConfigFields fields() {
        return ChronoCloudConfig.FIELDS;
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        ChronoCloudConfig config = ChronoCloudConfig.of(context.config());
        StationKeys keys = config.stationKeys();
        if (keys.isEmpty()) {
            LOG.info("No station keys configured: every PDU is recorded as signature=unsigned");
        } else {
            LOG.info("Verifying the signatures of stations {}; failures: {}", keys.stations(),
                    config.signatureFailureAction());
        }
        VenueClocks clocks = config.venueClocks();
        Clock clock = Clock.systemUTC();
        SessionContext sessions = new SessionContext(
                config.stationDirectory(),
                new SignatureVerifier(keys),
                config.signatureFailureAction(),
                new PassingLedger(config.dedupeWindow(), config.dedupeMaxStreams(), clock),
                new PassingMapper(clocks, config.lineMap()),
                new DecoderStatusMapper(clocks),
                (topic, venue, event) -> context.publisher().publish(topic, venue, event),
                context.metrics(),
                new ChronoCloudMetrics(context.meterRegistry()),
                clock,
                config.idleTimeout());
        ChronoCloudServer started = ChronoCloudServer.start(config.serverSettings(), sessions,
                context.autoReadSwitch()::attach);
        server = started;
        context.health().addReadiness("websocket", () -> started.isListening()
                ? CheckResult.up("listening on port " + started.port() + ", " + started.connections() + " connections")
                : CheckResult.down("not listening"));
    }

    /** The server's port once started (tests bind port 0). */
    public int port() {
        ChronoCloudServer current = server;
        if (current == null) {
            throw new IllegalStateException("not started");
        }
        return current.port();
    }

    @Override
    public void stop() {
        ChronoCloudServer current = server;
        if (current != null) {
            current.close();
        }
    }
}
