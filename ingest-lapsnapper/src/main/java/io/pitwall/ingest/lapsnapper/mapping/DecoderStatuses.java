package io.pitwall.ingest.lapsnapper.mapping;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Source;
import io.pitwall.ingest.lapsnapper.codec.DecoderInfo;
import io.pitwall.ingest.lapsnapper.codec.ServerInfo;
import io.pitwall.ingest.lapsnapper.codec.StartMaticStatus;
import io.pitwall.ingest.lapsnapper.codec.SystemState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link DecoderStatus} events of one LapSnapper connection. Messages are for people (never a password or
 * PIN); what a program needs is in the typed fields and {@code attributes}.
 */
public final class DecoderStatuses {

    private final String venueId;

    public DecoderStatuses(String venueId) {
        this.venueId = venueId;
    }

    /** 6001: handshake complete. {@code systemState} and the decoder info go into fields and attributes. */
    public DecoderStatus connected(String streamId, String server, ServerInfo info, Instant at) {
        DecoderInfo d = info.decoderInfo();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("server", server);
        attributes.put("productId", Integer.toString(d.productId()));
        attributes.put("versionNumber", Integer.toString(d.versionNumber()));
        attributes.put("deviceType", Integer.toString(d.deviceType()));
        attributes.put("deviceId", Integer.toString(d.deviceId()));
        attributes.put("decoderMode", Integer.toString(d.decoderMode()));
        attributes.put("decoderStatus", Integer.toString(d.decoderStatus()));
        attributes.put("serverProductId", Integer.toString(info.header().lapSnapperProductId()));
        attributes.put("serverVersion", Integer.toString(info.header().serverVersion()));
        attributes.put("systemStateName", SystemState.fromCode(info.systemState()).name());
        String message = "Connected to LapSnapper at " + server + ": decoder " + d.deviceId() + " ("
                + (d.decoderMode() == 2 ? "slave" : "host") + ", type " + d.deviceType() + ", version "
                + d.versionNumber() + "), system state " + SystemState.fromCode(info.systemState());
        return base(streamId, DecoderStatusKind.CONNECTED, at, message).setSystemState(info.systemState())
                .setAttributes(attributes).build();
    }

    public DecoderStatus disconnected(String streamId, String message, Instant at) {
        return base(streamId, DecoderStatusKind.DISCONNECTED, at, message).build();
    }

    public DecoderStatus heartbeatLost(String streamId, String message, Instant at) {
        return base(streamId, DecoderStatusKind.HEARTBEAT_LOST, at, message).build();
    }

    public DecoderStatus handshakeFailed(String streamId, String message, Map<String, String> attributes, Instant at) {
        return base(streamId, DecoderStatusKind.HANDSHAKE_FAILED, at, message).setAttributes(attributes).build();
    }

    /** 6101: decoder clock minus ingest clock. */
    public DecoderStatus clockOffset(String streamId, long offsetMillis, long roundTripMillis, Instant at) {
        return base(streamId, DecoderStatusKind.CLOCK_OFFSET, at, "Decoder clock is " + offsetMillis
                + " ms ahead of the ingest clock (round trip " + roundTripMillis + " ms)")
                .setClockOffsetMillis(offsetMillis)
                .setAttributes(Map.of("roundTripMillis", Long.toString(roundTripMillis)))
                .build();
    }

    /** 6102: the server cannot read its decoder's clock. */
    public DecoderStatus decoderTimeUnavailable(String streamId, Instant at) {
        return base(streamId, DecoderStatusKind.MALFUNCTION, at,
                "LapSnapper answered Decoder Time Failed (6102): the decoder time is not available").build();
    }

    /** 6403 from the server: the StartMatic changed. */
    public DecoderStatus startMatic(String streamId, StartMaticStatus status, Instant at) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("startMaticStatus", Integer.toString(status.startMaticStatus()));
        attributes.put("startMaticData", Long.toString(status.startMaticData()));
        attributes.put("startMaticData2", Long.toString(status.startMaticData2()));
        return base(streamId, DecoderStatusKind.STARTMATIC_STATUS, at, describe(status))
                .setAttributes(attributes).build();
    }

    /** What became of a remote-control command; {@code result} is SENT, EXPIRED, REJECTED or DUPLICATE. */
    public DecoderStatus command(String streamId, String commandId, String command, String result, String message,
                                 Instant at) {
        DecoderStatusKind kind = result.equals("SENT") || result.equals("DUPLICATE")
                ? DecoderStatusKind.OTHER : DecoderStatusKind.ERROR;
        return base(streamId, kind, at, message)
                .setAttributes(Map.of("commandId", commandId, "command", command, "result", result))
                .build();
    }

    /** Table 13 of the API in words. */
    static String describe(StartMaticStatus s) {
        return switch (s.startMaticStatus()) {
            case StartMaticStatus.OPENED -> "StartMatic opened (delay " + s.startMaticData() + ", mode "
                    + s.startMaticData2() + ")";
            case StartMaticStatus.CLOSED -> "StartMatic closed";
            case StartMaticStatus.CANCELED -> "StartMatic canceled";
            case StartMaticStatus.DELAY -> "StartMatic delay set to " + s.startMaticData();
            case StartMaticStatus.MODE -> "StartMatic mode set to " + s.startMaticData();
            case StartMaticStatus.COUNTDOWN_STARTED -> "StartMatic countdown started";
            default -> "StartMatic status " + s.startMaticStatus() + " (data " + s.startMaticData() + ", "
                    + s.startMaticData2() + ")";
        };
    }

    private DecoderStatus.Builder base(String streamId, DecoderStatusKind kind, Instant at, String message) {
        return DecoderStatus.newBuilder()
                .setVenueId(venueId)
                .setSource(Source.LAPSNAPPER)
                .setStreamId(streamId)
                .setKind(kind)
                .setObservedAt(at)
                .setMessage(message)
                .setAttributes(Map.of());
    }
}
