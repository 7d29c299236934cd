package io.pitwall.processor.service;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.config.Validator;
import io.pitwall.ingest.core.config.Validators;
import io.pitwall.ingest.core.service.CommonFields;
import io.pitwall.processor.topology.LapProcessorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every option of the lap-processor service, declared once: name, type, default, validation and the text
 * {@code --help} and the README show. {@link #topology(Configuration)} and {@link StreamsSettings} turn the
 * loaded values into what the topology and Kafka Streams take.
 *
 * <p>The options shared with the ingest services (Kafka, registry, HTTP, topics, log level) are
 * ingest-core's {@link CommonFields}, so they are spelled and validated the same everywhere.
 */
public final class LapProcessorOptions {

    public static final String SERVICE_NAME = "lap-processor";
    public static final int DEFAULT_HTTP_PORT = 9410;

    public static final ConfigField<String> SERVICE_ID = CommonFields.SERVICE_ID.withDefault(SERVICE_NAME);

    public static final ConfigField<String> APPLICATION_ID = ConfigField.string("application.id")
            .withDefault("pitwall-lap-processor")
            .withValidator(Validators.notBlank())
            .withDescription("Kafka Streams application.id: the consumer group and the prefix of the changelog topics."
                    + " Every instance of one deployment uses the same; a new value starts from scratch");

    public static final ConfigField<Integer> HTTP_PORT = CommonFields.HTTP_PORT.withDefault(DEFAULT_HTTP_PORT);

    public static final ConfigField<Duration> REORDER_MAX_DELAY = ConfigField.duration("reorder.max-delay")
            .withDefault(LapProcessorConfig.DEFAULT_REORDER_MAX_DELAY)
            .withValidator(d -> d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0
                    ? Optional.of("a duration from 0s to 10m") : Optional.empty())
            .withDescription("How long a gap in a decoder stream's sequence numbers is waited for before it is skipped"
                    + " (wall clock); a passing that arrives later is still timed and corrects the laps");

    public static final ConfigField<Duration> CAR_STOPPED_AFTER = ConfigField.duration("car.stopped-after")
            .withDefault(LapProcessorConfig.DEFAULT_CAR_STOPPED_AFTER)
            .withValidator(Validators.positiveDuration())
            .withDescription("A car on track that crossed no line for this long is shown as STOP");

    public static final ConfigField<Integer> MAX_STATES_PER_SECOND = ConfigField.integer("timing71.max-states-per-second")
            .withDefault(LapProcessorConfig.DEFAULT_MAX_STATES_PER_SECOND)
            .withValidator(Validators.intRange(1, 1000))
            .withDescription("Timing71 states are published on change, at most this many per second per session;"
                    + " changes closer together are coalesced into one state");

    public static final ConfigField<Duration> CLOCK_TICK = ConfigField.duration("timing71.clock-tick")
            .withDefault(LapProcessorConfig.DEFAULT_CLOCK_TICK)
            .withValidator(Validators.positiveDuration())
            .withDescription("While a session's clock runs, its state is published at least this often");

    public static final ConfigField<Duration> CLOCK_IDLE_AFTER = ConfigField.duration("timing71.clock-idle-after")
            .withDefault(LapProcessorConfig.DEFAULT_CLOCK_IDLE_AFTER)
            .withValidator(Validators.positiveDuration())
            .withDescription("A running session without any input for this long stops ticking (an abandoned session);"
                    + " ticking also stops at race control's STOP, and car.stopped-after after the chequered flag");

    public static final ConfigField<Duration> FINISHED_SESSION_RETENTION = ConfigField
            .duration("timing71.finished-session-retention")
            .withDefault(LapProcessorConfig.DEFAULT_FINISHED_SESSION_RETENTION)
            .withValidator(d -> d.isNegative() ? Optional.of("a duration of 0 or more") : Optional.empty())
            .withDescription("When a venue's next session replaces one, the old session's Timing71 state and manifest"
                    + " stay published this long after it ended (chequered flag or STOP), then are deleted (tombstoned);"
                    + " a session replaced before it ended, or ended longer ago, is deleted at once");

    private static final Validator<Duration> COMMIT_INTERVAL_RANGE = d -> d.isNegative() || d.isZero()
            || d.compareTo(Duration.ofMinutes(1)) > 0 ? Optional.of("a duration from 1ms to 1m") : Optional.empty();

    public static final ConfigField<Duration> COMMIT_INTERVAL = ConfigField.duration("commit.interval")
            .withDefault(Duration.ofMillis(20))
            .withValidator(COMMIT_INTERVAL_RANGE)
            .withDescription("How soon the results of a live input are committed. Under exactly-once, results become"
                    + " visible to readers only at a commit, so this bounds the live latency; every commit costs the"
                    + " stream thread a round trip to the broker");

    public static final ConfigField<Duration> COMMIT_INTERVAL_CATCH_UP = ConfigField.duration("commit.interval.catch-up")
            .withDefault(Duration.ofMillis(500))
            .withValidator(COMMIT_INTERVAL_RANGE)
            .withDescription("Kafka Streams commit interval (commit.interval.ms), which governs while the service works"
                    + " through a backlog (inputs older than timing71.clock-tick: a restart, an outage, a replay): fewer"
                    + " commits, more passings per second. Never shorter than commit.interval");

    public static final ConfigField<Duration> PRODUCER_LINGER = ConfigField.duration("producer.linger")
            .withDefault(Duration.ofMillis(2))
            .withValidator(d -> d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0
                    ? Optional.of("a duration from 0ms to 1s") : Optional.empty())
            .withDescription("How long the producer gathers output records into a batch before sending them"
                    + " (linger.ms). Kafka Streams' own default, 100ms, holds records until the commit flushes them,"
                    + " so every commit waits for all of its data to travel; sent early, a commit waits only for the"
                    + " last few. Longer lingers make fewer, larger requests (replay throughput)");

    public static final ConfigField<Long> CACHE_MAX_BYTES = ConfigField.longInteger("cache.max.bytes")
            .withDefault(10L * 1024 * 1024)
            .withValidator(Validators.longRange(0, Long.MAX_VALUE))
            .withDescription("Kafka Streams record cache over all threads (statestore.cache.max.bytes): absorbs repeated"
                    + " store writes between commits. It does not delay Pitwall's outputs; 0 turns it off");

    public static final ConfigField<Path> STATE_DIR = ConfigField.path("state.dir")
            .withDefault(Path.of(System.getProperty("java.io.tmpdir"), "pitwall-lap-processor"))
            .withDescription("Directory of the RocksDB state stores. Keep it on a persistent volume: a lost directory"
                    + " is restored from the changelog topics, which takes longer");

    public static final ConfigField<Integer> STANDBY_REPLICAS = ConfigField.integer("num.standby.replicas")
            .withDefault(0)
            .withValidator(Validators.intRange(0, 10))
            .withDescription("Warm copies of each task's stores on other instances, for fast fail-over (1 in Kubernetes)");

    public static final ConfigField<Integer> STREAM_THREADS = ConfigField.integer("num.stream.threads")
            .withDefault(1)
            .withValidator(Validators.intRange(1, 64))
            .withDescription("Stream threads of this instance; tasks (one per input partition) are shared among them");

    public static final ConfigField<Duration> SHUTDOWN_TIMEOUT = ConfigField.duration("shutdown.timeout")
            .withDefault(Duration.ofSeconds(30))
            .withValidator(Validators.positiveDuration())
            .withDescription("How long a graceful shutdown may take to finish and commit the work in hand");

    /** The options of the service, its own first, then the ones shared with every Pitwall service. */
    public static final ConfigFields FIELDS = ConfigFields.of(
                    APPLICATION_ID,
                    REORDER_MAX_DELAY,
                    CAR_STOPPED_AFTER,
                    MAX_STATES_PER_SECOND,
                    CLOCK_TICK,
                    CLOCK_IDLE_AFTER,
                    FINISHED_SESSION_RETENTION,
                    COMMIT_INTERVAL,
                    COMMIT_INTERVAL_CATCH_UP,
                    PRODUCER_LINGER,
                    CACHE_MAX_BYTES,
                    STATE_DIR,
                    STANDBY_REPLICAS,
                    STREAM_THREADS,
                    SHUTDOWN_TIMEOUT,
                    SERVICE_ID,
                    CommonFields.KAFKA_BOOTSTRAP_SERVERS,
                    CommonFields.SCHEMA_REGISTRY_URL,
                    CommonFields.SCHEMA_REGISTRY_USER_INFO,
                    CommonFields.SCHEMA_REGISTRY_AUTO_REGISTER,
                    HTTP_PORT,
                    CommonFields.HTTP_BIND_ADDRESS,
                    CommonFields.TOPICS_CREATE,
                    CommonFields.TOPICS_REPLICATION_FACTOR,
                    CommonFields.LOG_LEVEL)
            .withPassthrough(KafkaPassthrough.PASSTHROUGH);

    private LapProcessorOptions() {
    }

    /** The topology's settings from the loaded options; topic names come from the catalogue. */
    public static LapProcessorConfig topology(Configuration config) {
        return LapProcessorConfig.defaults()
                .withReorderMaxDelay(config.get(REORDER_MAX_DELAY))
                .withCarStoppedAfter(config.get(CAR_STOPPED_AFTER))
                .withStatePacing(config.get(MAX_STATES_PER_SECOND), config.get(CLOCK_TICK), config.get(CLOCK_IDLE_AFTER))
                .withFinishedSessionRetention(config.get(FINISHED_SESSION_RETENTION))
                .withLiveCommitInterval(requestedCommitInterval(config));
    }

    /**
     * How often the topology asks for a commit after live results: {@code commit.interval}, unless Kafka Streams
     * commits that often anyway ({@code commit.interval.catch-up} no longer), in which case requests would only add
     * commits.
     */
    private static Duration requestedCommitInterval(Configuration config) {
        Duration live = config.get(COMMIT_INTERVAL);
        return live.compareTo(StreamsSettings.commitInterval(config)) < 0 ? live : Duration.ZERO;
    }

    /** Option names, in {@code --help} order (for the README check). */
    static List<String> names() {
        return FIELDS.fields().stream().map(ConfigField::name).toList();
    }
}
