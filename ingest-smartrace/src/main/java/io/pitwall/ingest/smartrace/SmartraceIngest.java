package io.pitwall.ingest.smartrace;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.ServiceContext;
import io.pitwall.ingest.smartrace.bridge.BridgeMetrics;
import io.pitwall.ingest.smartrace.bridge.BridgeSettings;
import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.ingest.smartrace.mapping.StreamEpochs;
import io.pitwall.ingest.smartrace.server.ConnectionServices;
import io.pitwall.ingest.smartrace.server.SmartraceMetrics;
import io.pitwall.ingest.smartrace.server.SmartraceServer;
import io.pitwall.ingest.smartrace.venue.ControlFeed;
import io.pitwall.ingest.smartrace.venue.RecentLapsLoader;
import io.pitwall.ingest.smartrace.venue.VenueDirectory;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.serde.PitwallAvroDeserializer;
import io.pitwall.schemas.serde.PitwallAvroSerdeConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Smartrace ingest service: a WebSocket server that plays Smartrace Connect for lap sensors,
 * publishes their laps, pit messages and race-control buttons, pushes race status back to them from
 * race control, and optionally bridges them to a real Smartrace Connect.
 */
public final class SmartraceIngest implements Ingest {

    /** Longest startup delay spent reading back recent laps. */
    static final Duration RESTORE_DEADLINE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SmartraceIngest.class);

    private volatile SmartraceServer server;
    private volatile ControlFeed feed;
    private volatile VenueDirectory venues;

    public static void main(String[] args) {
        AvroTrust.trustPitwallPackages();
        IngestService.main(new SmartraceIngest(), args);
    }

    @Override
    public String name() {
        return "ingest-smartrace";
    }

    @Override
    public String source() {
        return "SMARTRACE";
    }

    @Override
    public int defaultHttpPort() {
        return 9404;
    }

    @Override
    public ConfigFields fields() {
        return SmartraceConfig.FIELDS;
    }

    /**
     * Publishes passings, decoder status and race control; the sessions topic is only read, and listed
     * so that it is provisioned (or checked) before the control feed looks for it.
     */
    @Override
    public List<TopicSpec> topics() {
        return List.of(Topics.PASSINGS, Topics.DECODER_STATUS, Topics.SESSION_CONTROL, Topics.SESSIONS);
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        SmartraceConfig config = new SmartraceConfig(context.config());
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid Smartrace configuration: " + String.join("; ", problems));
        }
        Configuration options = context.config();
        venues = new VenueDirectory(config.servedVenues(),
                new ControllerDataMapper(options.get(SmartraceConfig.CONTROLLERS)), options.get(SmartraceConfig.DEDUPE_WINDOW));
        Map<String, Object> consumerProperties = consumerProperties(options);
        // before any sensor is accepted: recognise laps re-sent to this (restarted) instance
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProperties)) {
            new RecentLapsLoader(venues, Topics.PASSINGS, options.get(SmartraceConfig.DEDUPE_WINDOW), RESTORE_DEADLINE,
                    Clock.systemUTC()).load(consumer);
        } catch (KafkaException e) {
            LOG.warn("Could not read back recent Smartrace laps ({}); starting without them: laps sensors re-send "
                    + "after this restart may be published twice", e.toString());
        }
        feed = new ControlFeed(() -> new KafkaConsumer<>(consumerProperties), venues, Topics.SESSIONS,
                Topics.SESSION_CONTROL, options.get(SmartraceConfig.CONTROL_LOOKBACK), Clock.systemUTC()).start();
        Optional<BridgeSettings> bridge = config.bridgeSettings();
        ConnectionServices services = new ConnectionServices(venues, context.publisher()::publish, context.metrics(),
                new SmartraceMetrics(context.meterRegistry()), context.autoReadSwitch()::attach, config.sessionSettings(),
                bridge, new BridgeMetrics(context.meterRegistry()), clientTls(bridge), StreamEpochs.systemClock(),
                Clock.systemUTC());
        server = new SmartraceServer(config.serverSettings(), services).start();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (feed != null) {
            feed.close();
        }
    }

    /** The running server (ports as bound), for tests and embedding. */
    public SmartraceServer server() {
        return server;
    }

    /** The served venues' state, for tests and embedding. */
    public VenueDirectory venues() {
        return venues;
    }

    /** True once race control and sessions were read up to date. */
    public boolean controlFeedLive() {
        return feed != null && feed.isLive();
    }

    /**
     * The control feed's consumer: the service's Kafka connection settings (only the {@code kafka.*}
     * options a consumer knows, producer tuning is left out), the registry settings of its serializer,
     * no group and no commits.
     */
    static Map<String, Object> consumerProperties(Configuration config) {
        Map<String, Object> props = new LinkedHashMap<>();
        Set<String> consumerKeys = ConsumerConfig.configNames();
        config.passthrough(CommonFields.KAFKA_PREFIX).forEach((key, value) -> {
            if (consumerKeys.contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(CommonFields.SERVICE_ID) + "-control");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, PitwallAvroDeserializer.class);
        props.putAll(CommonFields.registryClientConfig(config));
        props.put(PitwallAvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return props;
    }

    private static SslContext clientTls(Optional<BridgeSettings> bridge) throws SSLException {
        boolean secure = bridge.map(b -> {
            boolean any = b.fallback() != null && "wss".equalsIgnoreCase(b.fallback().getScheme());
            for (URI uri : b.upstreams().values()) {
                any |= "wss".equalsIgnoreCase(uri.getScheme());
            }
            return any;
        }).orElse(false);
        return secure ? SslContextBuilder.forClient().build() : null;
    }
}
