package io.pitwall.ingest.lapsnapper;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.publish.DurablePublisher;
import io.pitwall.ingest.lapsnapper.client.CloseReason;
import io.pitwall.ingest.lapsnapper.client.DecoderConnection;
import io.pitwall.ingest.lapsnapper.client.DecoderListener;
import io.pitwall.ingest.lapsnapper.client.RateLimitedLog;
import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import io.pitwall.ingest.lapsnapper.mapping.DecoderStatuses;
import io.pitwall.ingest.lapsnapper.mapping.PassingMapper;
import io.pitwall.ingest.lapsnapper.stream.EpochTracker;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import io.pitwall.ingest.lapsnapper.stream.StreamRegistry;
import io.pitwall.schemas.catalog.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens on the LapSnapper connections into Kafka events: time events into {@code Passing}s on
 * {@code timing.passings} (with the stream epoch decided by the stream's {@link EpochTracker}), everything else
 * into {@code DecoderStatus} on {@code timing.decoder-status}.
 *
 * <p>LapSnapper has no acknowledgement: the API gives no way to ask for a time event again except its own
 * re-send after a reconnect. So a time event is safe once the publisher accepted it — it holds records without
 * time limit while Kafka is down and pauses reading from the server when it is full. A publish that fails anyway
 * (buffer full, unserializable) is a lost passing: logged as an error and counted in
 * {@value LapSnapperMetrics#PASSINGS_LOST}.
 */
public final class DecoderEventPublisher implements DecoderListener {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderEventPublisher.class);

    private final DurablePublisher<SpecificRecord> publisher;
    private final StreamRegistry streams;
    private final LapSnapperMetrics metrics;
    private final LongSupplier wallClockMillis;
    private final RateLimitedLog failureLog = new RateLimitedLog(5, TimeUnit.SECONDS.toNanos(10), System::nanoTime);

    public DecoderEventPublisher(DurablePublisher<SpecificRecord> publisher, StreamRegistry streams,
                                 LapSnapperMetrics metrics, LongSupplier wallClockMillis) {
        this.publisher = publisher;
        this.streams = streams;
        this.metrics = metrics;
        this.wallClockMillis = wallClockMillis;
    }

    @Override
    public void connected(DecoderConnection connection, ServerInfo info) {
        publish(statuses(connection).connected(connection.streamIdForStatus(), connection.server().name(), info, now()));
    }

    @Override
    public void handshakeFailed(DecoderConnection connection, CloseReason reason, String detail) {
        publish(statuses(connection).handshakeFailed(connection.streamIdForStatus(), detail,
                Map.of("reason", reason.name(), "server", connection.server().name()), now()));
    }

    @Override
    public void heartbeatLost(DecoderConnection connection, String detail) {
        publish(statuses(connection).heartbeatLost(connection.streamIdForStatus(), detail, now()));
    }

    @Override
    public void disconnected(DecoderConnection connection, CloseReason reason, String detail) {
        publish(statuses(connection).disconnected(connection.streamIdForStatus(), detail, now()));
    }

    @Override
    public void timeEvent(DecoderConnection connection, TimeEvent event, Instant receivedAt) {
        StreamKey stream = connection.stream().orElseThrow(); // time events only arrive after a handshake
        EpochTracker tracker = streams.tracker(stream);
        EpochTracker.Assignment assignment = tracker.assign(event.absoluteTime().timeStampId(), event.transponderId(),
                event.transponderInstance(), event.absoluteTime().absoluteTime(), event.isLapLine() ? 1 : 0);
        metrics.timeEvent(stream.venueId(), assignment.verdict());
        if (assignment.verdict() == EpochTracker.Verdict.NEW_EPOCH) {
            LOG.info("LapSnapper stream {} starts epoch {} at timeStampID {}: {}", stream, assignment.epoch(),
                    event.absoluteTime().timeStampId(), assignment.reason());
            streams.saveSoon(tracker);
        }
        Passing passing = PassingMapper.toPassing(stream, assignment.epoch(), event, receivedAt);
        publisher.publish(Topics.PASSINGS, stream.venueId(), passing).whenComplete((metadata, failure) -> {
            if (failure != null) {
                metrics.passingLost(stream.venueId());
                logFailure("LOST a passing of LapSnapper stream " + stream + " (timeStampID "
                        + event.absoluteTime().timeStampId() + ", transponder " + passing.getTransponder()
                        + "): LapSnapper cannot send it again", failure);
            }
        });
    }

    @Override
    public void startMatic(DecoderConnection connection, StartMaticStatus status) {
        publish(statuses(connection).startMatic(connection.streamIdForStatus(), status, now()));
    }

    @Override
    public void clockOffset(DecoderConnection connection, long offsetMillis, long roundTripMillis) {
        metrics.clockOffset(connection.server().venueId(), connection.streamIdForStatus(), offsetMillis);
        publish(statuses(connection).clockOffset(connection.streamIdForStatus(), offsetMillis, roundTripMillis, now()));
    }

    @Override
    public void decoderTimeUnavailable(DecoderConnection connection) {
        publish(statuses(connection).decoderTimeUnavailable(connection.streamIdForStatus(), now()));
    }

    /** Publishes a status; a failure only costs the status, so it is logged (rate-limited) and forgotten. */
    public void publish(DecoderStatus status) {
        publisher.publish(Topics.DECODER_STATUS, status.getVenueId(), status).whenComplete((metadata, failure) -> {
            if (failure != null) {
                logFailure("Could not publish decoder status " + status.getKind() + " of " + status.getStreamId(),
                        failure);
            }
        });
    }

    private void logFailure(String what, Throwable failure) {
        long suppressed = failureLog.occurrence();
        if (suppressed >= 0) {
            LOG.error("{}: {}{}", what, failure.getMessage(),
                    suppressed > 0 ? " (" + suppressed + " similar failures not logged)" : "");
        }
    }

    private static DecoderStatuses statuses(DecoderConnection connection) {
        return new DecoderStatuses(connection.server().venueId());
    }

    private Instant now() {
        return Instant.ofEpochMilli(wallClockMillis.getAsLong());
    }
}
