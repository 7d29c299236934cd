package io.pitwall.ingest.ctp01;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.ServiceContext;
import io.pitwall.ingest.ctp01.codec.AuthenticationSeedGenerator;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.resume.KafkaResumeStore;
import io.pitwall.ingest.ctp01.resume.ResumeTracker;
import io.pitwall.ingest.ctp01.server.Ctp01Server;
import io.pitwall.ingest.ctp01.session.ActiveSessions;
import io.pitwall.ingest.ctp01.session.SessionMetrics;
import io.pitwall.ingest.ctp01.session.SessionServices;
import io.pitwall.schemas.AvroTrust;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CTP01 ingest service: a TCP server ChronoTrack clients connect to, one process for many venues.
 * Passings go to {@code timing.passings}, connection events and gun times to
 * {@code timing.decoder-status}, resume positions to {@code pitwall.ingest-offsets}.
 */
public final class Ctp01Ingest implements Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ctp01Ingest.class);

    private final Map<String, String> environment;
    private volatile Ctp01Config config;
    private volatile KafkaResumeStore store;
    private volatile ResumeTracker tracker;
    private volatile Ctp01Server server;

    public Ctp01Ingest() {
        this(System.getenv());
    }

    /** @param environment where {@code password-env} variables are looked up */
    public Ctp01Ingest(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public static void main(String[] args) {
        AvroTrust.trustPitwallPackages();
        Ctp01Ingest ingest = new Ctp01Ingest();
        int status = ingest.checkConfiguration(args, System.err);
        if (status != 0) {
            System.exit(status);
        }
        IngestService.main(ingest, args);
    }

    /**
     * ingest-core reports problems of declared options itself (exit 2), but the checks across venue
     * options run only in {@link #start}, where a failure would be a failed start (exit 1) with a stack
     * trace. Run first, they are a configuration error like any other.
     *
     * @return 0 when the configuration is valid (or help is asked for), else
     *         {@link IngestService#EXIT_CONFIG} after printing every problem to {@code err}
     */
    int checkConfiguration(String[] args, PrintStream err) {
        if (CommandLine.parse(args).helpRequested()) {
            return 0;
        }
        try {
            Ctp01Config.from(IngestService.of(this).environment(environment).configure(args), environment);
            return 0;
        } catch (ConfigException e) {
            err.println(name() + ": " + e.getMessage());
            err.flush();
            return IngestService.EXIT_CONFIG;
        }
    }

    @Override
    public String name() {
        return "ingest-ctp01";
    }

    @Override
    public String source() {
        return "CTP01";
    }

    @Override
    public int defaultHttpPort() {
        return 9402;
    }

    @Override
    public ConfigFields fields() {
        return Ctp01Config.FIELDS;
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(Topics.PASSINGS, Topics.DECODER_STATUS, Topics.INGEST_OFFSETS);
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        Configuration options = context.config();
        config = Ctp01Config.from(options, environment);
        store = KafkaResumeStore.open(kafkaClientProperties(options), context.serviceId(), config.resumeLoadTimeout(),
                context.meterRegistry());
        tracker = new ResumeTracker(store);
        SessionServices services = new SessionServices(config, context.publisher()::publish, context.metrics(),
                new SessionMetrics(context.meterRegistry()), tracker, new ActiveSessions(),
                new AuthenticationSeedGenerator(), Clock.systemUTC(), context.autoReadSwitch()::attach);
        try {
            server = new Ctp01Server(config, services).start();
        } catch (Exception e) {
            store.close();
            throw e;
        }
    }

    /**
     * Stops reading from clients, then waits (up to {@code ctp01.stop.drain.timeout}) until Kafka
     * acknowledged what was already read, so the resume positions written before the resume store
     * closes include it: a restarted service then resumes exactly there. ingest-core closes the
     * publisher only after this returns, so acknowledgements still arrive while we wait.
     */
    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (tracker != null && !tracker.awaitSettled(config.stopDrainTimeout())) {
            LOG.warn("{} passings were still not acknowledged by Kafka after {}; their clients resend them after the"
                    + " restart", tracker.unsettled(), config.stopDrainTimeout());
        }
        if (store != null) {
            store.close();
        }
    }

    /** The port clients of {@code venue} connect to (the bound one when configured as 0). */
    public int port(String venue) {
        Ctp01Server running = Objects.requireNonNull(server, "not started");
        for (Listener listener : config.listeners()) {
            if (listener.venues().stream().anyMatch(v -> v.id().equals(venue))) {
                return running.boundPort(listener);
            }
        }
        throw new IllegalArgumentException("unknown venue " + venue);
    }

    /** The resume positions tracked in this process. */
    public ResumeTracker tracker() {
        return tracker;
    }

    /** Bootstrap servers and every {@code kafka.*} passthrough, as the publisher gets them. */
    static Map<String, Object> kafkaClientProperties(Configuration options) {
        Map<String, Object> props = new LinkedHashMap<>(options.passthrough(CommonFields.KAFKA_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get(CommonFields.KAFKA_BOOTSTRAP_SERVERS));
        return props;
    }
}
