package io.pitwall.ingest.chronocloud.mapping;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Source;
import io.pitwall.ingest.chronocloud.codec.ConnectedPdu;
import io.pitwall.ingest.chronocloud.codec.KeepalivePdu;
import io.pitwall.ingest.chronocloud.codec.MalfunctionPdu;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Station-level PDUs and connection events → Avro {@link DecoderStatus}, on stream venue/station.
 *
 * <ul>
 *   <li>{@code connected} → CONNECTED, with the ChronoFly version.</li>
 *   <li>{@code keepalive} → CLOCK_OFFSET: {@code sent} minus the receive time, so a station whose
 *       clock drifts shows up before its passings look wrong (network delay makes it a few ms
 *       negative). Without {@code sent} → OTHER ("keepalive").</li>
 *   <li>{@code malfunction} → MALFUNCTION, message and type as sent.</li>
 *   <li>A closed connection → DISCONNECTED; no PDU for too long → HEARTBEAT_LOST.</li>
 * </ul>
 */
public final class DecoderStatusMapper {

    private final VenueClocks clocks;

    public DecoderStatusMapper(VenueClocks clocks) {
        this.clocks = Objects.requireNonNull(clocks, "clocks");
    }

    public DecoderStatus connected(ConnectedPdu pdu, String venue, SignatureCheck signature, String remote,
            Instant receivedAt) {
        Map<String, String> attributes = common(pdu.competition(), signature);
        pdu.version().ifPresent(v -> attributes.put("version", v));
        attributes.put("remoteAddress", remote);
        String message = "ChronoFly " + pdu.station() + pdu.version().map(v -> " " + v).orElse("") + " connected from "
                + remote;
        return status(venue, pdu.station(), DecoderStatusKind.CONNECTED, receivedAt, message, null, attributes);
    }

    public DecoderStatus keepalive(KeepalivePdu pdu, String venue, SignatureCheck signature, Instant receivedAt) {
        Map<String, String> attributes = common(pdu.competition(), signature);
        pdu.id().ifPresent(id -> attributes.put("id", id.text()));
        if (pdu.envelope().sent().isEmpty()) {
            return status(venue, pdu.station(), DecoderStatusKind.OTHER, receivedAt, "keepalive", null, attributes);
        }
        Instant sent = clocks.forVenue(venue).toInstant(pdu.envelope().sent().get(), receivedAt);
        long offset = Duration.between(receivedAt, sent).toMillis();
        attributes.put("sent", sent.toString());
        return status(venue, pdu.station(), DecoderStatusKind.CLOCK_OFFSET, receivedAt,
                "keepalive; station clock " + (offset >= 0 ? "+" : "") + offset + " ms", offset, attributes);
    }

    public DecoderStatus malfunction(MalfunctionPdu pdu, String venue, SignatureCheck signature, Instant receivedAt) {
        Map<String, String> attributes = common(pdu.competition(), signature);
        pdu.message().ifPresent(m -> attributes.put("message", m));
        pdu.message2().ifPresent(m -> attributes.put("message2", m));
        pdu.type().ifPresent(t -> attributes.put("type", t));
        String message = pdu.message().orElse("malfunction") + pdu.message2().map(m -> " (" + m + ")").orElse("");
        return status(venue, pdu.station(), DecoderStatusKind.MALFUNCTION, receivedAt, message, null, attributes);
    }

    public DecoderStatus disconnected(String venue, String station, String reason, Instant at) {
        return status(venue, station, DecoderStatusKind.DISCONNECTED, at, reason, null, new HashMap<>());
    }

    public DecoderStatus heartbeatLost(String venue, String station, Duration silence, Instant at) {
        return status(venue, station, DecoderStatusKind.HEARTBEAT_LOST, at,
                "no PDU for " + silence.toSeconds() + " s; closing the connection", null, new HashMap<>());
    }

    private static Map<String, String> common(String competition, SignatureCheck signature) {
        Map<String, String> attributes = new HashMap<>(8);
        attributes.put("competition", competition);
        attributes.put("signature", signature.state().attribute());
        if (signature.isInvalid()) {
            attributes.put("signatureProblem", signature.reason());
        }
        return attributes;
    }

    private static DecoderStatus status(String venue, String station, DecoderStatusKind kind, Instant at, String message,
            Long clockOffset, Map<String, String> attributes) {
        attributes.put("station", station);
        return DecoderStatus.newBuilder()
                .setVenueId(venue)
                .setSource(Source.CHRONOCLOUD)
                .setStreamId(StreamIds.station(venue, station))
                .setKind(kind)
                .setObservedAt(at)
                .setMessage(message)
                .setSystemState(null)
                .setClockOffsetMillis(clockOffset)
                .setAttributes(attributes)
                .build();
    }
}
