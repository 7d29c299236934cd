package io.pitwall.ingest.ctp01.mapping;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Source;
import io.pitwall.ingest.ctp01.codec.GunTime;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link DecoderStatus} events of CTP01 connections. Stateless.
 *
 * <p>A gun time is a {@code GUN_TIME} status of its location's stream rather than a race-control
 * {@code SessionControl}: on a circuit the start procedure belongs to race control, and a ChronoTrack
 * controller fires gun times for wave starts and tests too. The lap-processor or race control can
 * act on the status; its time is in {@code attributes.gunTime}.
 */
public final class StatusMapper {

    private StatusMapper() {
    }

    /** A status about a connection as a whole, on stream {@code venue/connection id}. */
    public static DecoderStatus connection(String venue, String connectionId, DecoderStatusKind kind, String message,
                                           Map<String, String> attributes, Instant observedAt) {
        return status(venue, StreamKey.connectionStreamId(venue, connectionId), kind, message, attributes, observedAt);
    }

    public static DecoderStatus gunTime(StreamKey stream, GunTime gunTime, Instant observedAt) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(PassingMapper.LOCATION, gunTime.location());
        attributes.put("sequence", Integer.toString(gunTime.sequence()));
        attributes.put("gunTime", gunTime.time().toString());
        attributes.put(PassingMapper.RAW_TIME, gunTime.rawTime());
        attributes.put("controllerId", gunTime.controllerId());
        return status(stream.venue(), stream.id(), DecoderStatusKind.GUN_TIME,
                "Gun time at " + gunTime.location() + ": " + gunTime.time(), attributes, observedAt);
    }

    private static DecoderStatus status(String venue, String streamId, DecoderStatusKind kind, String message,
                                        Map<String, String> attributes, Instant observedAt) {
        return DecoderStatus.newBuilder()
                .setVenueId(venue)
                .setSource(Source.CTP01)
                .setStreamId(streamId)
                .setKind(kind)
                .setObservedAt(observedAt)
                .setMessage(message)
                .setAttributes(new HashMap<>(attributes))
                .build();
    }
}
