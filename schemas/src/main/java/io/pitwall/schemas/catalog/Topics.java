package io.pitwall.schemas.catalog;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: the one place that names Pitwall's topics and their settings. Services, the
 * topic-creation step, the README table and the Kubernetes {@code KafkaTopic}s all follow it.
 *
 * <p>Timing topics are keyed by venue id so that one venue's events stay in one partition, in order,
 * owned by one Kafka Streams task. Passings, session control and laps are kept without a time limit:
 * the log is the source of truth and results are rebuilt from it.
 */
public final class Topics {

    /** Partitions of every venue-keyed topic: the most lap-processor instances that can share the work. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final TopicSpec PASSINGS = new TopicSpec(
            "timing.passings", "venue id", ValueFormat.AVRO, Passing.getClassSchema(), "Passing",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, null,
            "Every decoded line crossing of every venue, as received (possibly out of order or repeated).");

    public static final TopicSpec DECODER_STATUS = new TopicSpec(
            "timing.decoder-status", "venue id", ValueFormat.AVRO, DecoderStatus.getClassSchema(), "DecoderStatus",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, Duration.ofDays(30),
            "Connection, heartbeat, malfunction and clock-offset reports of the timing hardware.");

    public static final TopicSpec SESSIONS = new TopicSpec(
            "timing.sessions", "venue id", ValueFormat.AVRO, SessionConfig.getClassSchema(), "SessionConfig",
            DEFAULT_PARTITIONS, CleanupPolicy.COMPACT, null,
            "The current session configuration of each venue: type, sectors, track minimums, line map, entry list.");

    public static final TopicSpec SESSION_CONTROL = new TopicSpec(
            "timing.session-control", "venue id", ValueFormat.AVRO, SessionControl.getClassSchema(), "SessionControl",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, null,
            "Race control: start, stop, flags, messages, penalties, retirements.");

    public static final TopicSpec COMMANDS = new TopicSpec(
            "timing.commands", "venue id", ValueFormat.AVRO, DecoderCommand.getClassSchema(), "DecoderCommand",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, Duration.ofDays(7),
            "Remote-control commands for decoders (LapSnapper start/stop session, StartMatic, track settings).");

    public static final TopicSpec LAPS = new TopicSpec(
            "timing.laps", "venue id", ValueFormat.AVRO, LapEvent.getClassSchema(), "LapEvent",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, null,
            "Completed, corrected and deleted laps with sector times, as the lap processor computes them.");

    public static final TopicSpec TIMING71_STATES = new TopicSpec(
            "timing71.states", "service uuid", ValueFormat.JSON, null, "Timing71 state (JSON)",
            DEFAULT_PARTITIONS, CleanupPolicy.COMPACT, null,
            "Latest Timing71 state of every service (one service per session).");

    public static final TopicSpec TIMING71_MANIFESTS = new TopicSpec(
            "timing71.manifests", "service uuid", ValueFormat.JSON, null, "Timing71 manifest (JSON)",
            DEFAULT_PARTITIONS, CleanupPolicy.COMPACT, null,
            "Manifest of every Timing71 service: name, description, colSpec.");

    public static final TopicSpec INGEST_OFFSETS = new TopicSpec(
            "pitwall.ingest-offsets", "venue/connection/location", ValueFormat.JSON, null, "resume position (JSON)",
            DEFAULT_PARTITIONS, CleanupPolicy.COMPACT, null,
            "Last sequence per hardware stream that Kafka acknowledged, so ingests resume exactly after it.");

    public static final TopicSpec DEAD_LETTER = new TopicSpec(
            "pitwall.dead-letter", "original key", ValueFormat.JSON, null, "original bytes + reason",
            DEFAULT_PARTITIONS, CleanupPolicy.DELETE, Duration.ofDays(30),
            "Records no service could read (not Avro, unknown schema id), with the reason and their origin.");

    public static final List<TopicSpec> ALL = List.of(
            PASSINGS, DECODER_STATUS, SESSIONS, SESSION_CONTROL, COMMANDS, LAPS,
            TIMING71_STATES, TIMING71_MANIFESTS, INGEST_OFFSETS, DEAD_LETTER);

    private Topics() {
    }

    public static Optional<TopicSpec> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
