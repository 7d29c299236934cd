package io.pitwall.processor.topology;

import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the lap-processor topology needs to know, typed. The service declares and documents the options once
 * (in {@code io.pitwall.processor.service.LapProcessorOptions}) and builds this record from them; tests build
 * it from {@link #defaults()} and the {@code with...} methods.
 *
 * @param reorderMaxDelay      how long a gap in a stream's sequence is held before it is skipped (wall clock)
 * @param reorderCheckInterval how often held gaps are checked
 * @param maxStatesPerSecond   the most Timing71 states one service (session) publishes per second: changes
 *                             closer together than {@code 1 s / maxStatesPerSecond} are coalesced into one state
 * @param clockTick            while a session's clock runs, a state goes out at least this often
 * @param clockIdleAfter       a running session that received no input for this long stops ticking (an
 *                             abandoned practice session must not tick for ever)
 * @param carStoppedAfter      silence after which a car on track is STOP
 * @param timing71Source       the manifest's {@code source} tuple (name, link)
 * @param finishedSessionRetention how long a replaced session's Timing71 service stays published after the
 *                             session ended (chequered flag or STOP); then its state and manifest are tombstoned
 * @param deadLetterTopic      where an input that makes the timing engine fail is sent
 * @param liveCommitInterval   how soon after a live result a commit is requested (see {@link LiveCommits}); zero
 *                             leaves every commit to Kafka Streams' commit interval
 */
public record LapProcessorConfig(String passingsTopic, String sessionsTopic, String sessionControlTopic,
                                 String lapsTopic, String statesTopic, String manifestsTopic,
                                 Duration reorderMaxDelay, Duration reorderCheckInterval, int maxStatesPerSecond,
                                 Duration clockTick, Duration clockIdleAfter, Duration carStoppedAfter,
                                 List<String> timing71Source, Duration finishedSessionRetention,
                                 String deadLetterTopic, Duration liveCommitInterval) {

    public static final Duration DEFAULT_REORDER_MAX_DELAY = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_STATES_PER_SECOND = 10;
    public static final Duration DEFAULT_CLOCK_TICK = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLOCK_IDLE_AFTER = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CAR_STOPPED_AFTER = Duration.ofMinutes(2);
    public static final Duration DEFAULT_FINISHED_SESSION_RETENTION = Duration.ofMinutes(30);

    public LapProcessorConfig {
        Objects.requireNonNull(passingsTopic, "passingsTopic");
        Objects.requireNonNull(sessionsTopic, "sessionsTopic");
        Objects.requireNonNull(sessionControlTopic, "sessionControlTopic");
        Objects.requireNonNull(lapsTopic, "lapsTopic");
        Objects.requireNonNull(statesTopic, "statesTopic");
        Objects.requireNonNull(manifestsTopic, "manifestsTopic");
        requireDuration(reorderMaxDelay, "reorderMaxDelay", true);
        requireDuration(reorderCheckInterval, "reorderCheckInterval", false);
        requireDuration(clockTick, "clockTick", false);
        requireDuration(clockIdleAfter, "clockIdleAfter", false);
        requireDuration(carStoppedAfter, "carStoppedAfter", true);
        requireDuration(finishedSessionRetention, "finishedSessionRetention", true);
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        requireDuration(liveCommitInterval, "liveCommitInterval", true);
        if (maxStatesPerSecond < 1 || maxStatesPerSecond > 1000) {
            throw new IllegalArgumentException("maxStatesPerSecond must be 1..1000: " + maxStatesPerSecond);
        }
        timing71Source = List.copyOf(timing71Source);
    }

    public static LapProcessorConfig defaults() {
        return new LapProcessorConfig(Topics.PASSINGS.name(), Topics.SESSIONS.name(), Topics.SESSION_CONTROL.name(),
                Topics.LAPS.name(), Topics.TIMING71_STATES.name(), Topics.TIMING71_MANIFESTS.name(),
                DEFAULT_REORDER_MAX_DELAY, Duration.ofMillis(200), DEFAULT_MAX_STATES_PER_SECOND, DEFAULT_CLOCK_TICK,
                DEFAULT_CLOCK_IDLE_AFTER, DEFAULT_CAR_STOPPED_AFTER, List.of("Pitwall", ""),
                DEFAULT_FINISHED_SESSION_RETENTION, Topics.DEAD_LETTER.name(), Duration.ZERO);
    }

    public LapProcessorConfig withReorderMaxDelay(Duration delay) {
        return new LapProcessorConfig(passingsTopic, sessionsTopic, sessionControlTopic, lapsTopic, statesTopic,
                manifestsTopic, delay, reorderCheckInterval, maxStatesPerSecond, clockTick, clockIdleAfter,
                carStoppedAfter, timing71Source, finishedSessionRetention, deadLetterTopic, liveCommitInterval);
    }

    public LapProcessorConfig withStatePacing(int statesPerSecond, Duration tick, Duration idleAfter) {
        return new LapProcessorConfig(passingsTopic, sessionsTopic, sessionControlTopic, lapsTopic, statesTopic,
                manifestsTopic, reorderMaxDelay, reorderCheckInterval, statesPerSecond, tick, idleAfter,
                carStoppedAfter, timing71Source, finishedSessionRetention, deadLetterTopic, liveCommitInterval);
    }

    public LapProcessorConfig withCarStoppedAfter(Duration silence) {
        return new LapProcessorConfig(passingsTopic, sessionsTopic, sessionControlTopic, lapsTopic, statesTopic,
                manifestsTopic, reorderMaxDelay, reorderCheckInterval, maxStatesPerSecond, clockTick, clockIdleAfter,
                silence, timing71Source, finishedSessionRetention, deadLetterTopic, liveCommitInterval);
    }

    public LapProcessorConfig withFinishedSessionRetention(Duration retention) {
        return new LapProcessorConfig(passingsTopic, sessionsTopic, sessionControlTopic, lapsTopic, statesTopic,
                manifestsTopic, reorderMaxDelay, reorderCheckInterval, maxStatesPerSecond, clockTick, clockIdleAfter,
                carStoppedAfter, timing71Source, retention, deadLetterTopic, liveCommitInterval);
    }

    public LapProcessorConfig withLiveCommitInterval(Duration interval) {
        return new LapProcessorConfig(passingsTopic, sessionsTopic, sessionControlTopic, lapsTopic, statesTopic,
                manifestsTopic, reorderMaxDelay, reorderCheckInterval, maxStatesPerSecond, clockTick, clockIdleAfter,
                carStoppedAfter, timing71Source, finishedSessionRetention, deadLetterTopic, interval);
    }

    /** The shortest time between two states of one service. */
    public Duration minStateInterval() {
        return Duration.ofNanos(1_000_000_000L / maxStatesPerSecond);
    }

    /**
     * How often pending (coalesced) states and clock ticks are looked at: a quarter of the minimum interval,
     * so a coalesced change waits at most a quarter interval beyond its slot, but not more often than every
     * 5 ms (each look is a walk over the task's venues).
     */
    public Duration stateCheckInterval() {
        long quarter = minStateInterval().toMillis() / 4;
        return Duration.ofMillis(Math.max(5, Math.min(quarter, clockTick.toMillis())));
    }

    private static void requireDuration(Duration value, String name, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "non-negative" : "positive"));
        }
    }
}
