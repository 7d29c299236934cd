package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Source;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Connection facts of a sensor as {@code DecoderStatus} events of its stream. */
public final class DecoderStatusMapper {

    /** The sensor connected (WebSocket handshake done) from {@code remote} at {@code path}. */
    public DecoderStatus connected(SensorStream stream, String remote, String path, Instant at) {
        return base(stream, DecoderStatusKind.CONNECTED, at)
                .setMessage("Smartrace sensor connected from " + remote)
                .setAttributes(Map.of("remote", remote, "path", path, "streamEpoch", Long.toString(stream.streamEpoch())))
                .build();
    }

    /** The connection ended; {@code reason} says why (never secrets). */
    public DecoderStatus disconnected(SensorStream stream, String reason, long crossings, Instant at) {
        return base(stream, DecoderStatusKind.DISCONNECTED, at)
                .setMessage("Smartrace sensor disconnected: " + reason)
                .setAttributes(Map.of("crossings", Long.toString(crossings)))
                .build();
    }

    /**
     * The sensor's counter was anchored to the ingest clock or moved. {@code clockOffsetMillis} is the
     * sensor's counter minus the ingest clock (for phones, their clock error; for microcontrollers, minus
     * the boot time).
     */
    public DecoderStatus clockOffset(SensorStream stream, long offsetMillis, long shiftMillis, boolean wrapped,
            boolean carriedOver, Instant at) {
        String message = shiftMillis != 0
                ? "Sensor counter re-anchored " + shiftMillis + " ms earlier (earlier messages arrived late, or its clock runs fast)"
                : wrapped ? "Sensor counter wrapped"
                : carriedOver ? "Sensor counter continues its previous connection's: anchor kept"
                : "Sensor counter anchored to the receive clock";
        return base(stream, DecoderStatusKind.CLOCK_OFFSET, at)
                .setMessage(message)
                .setClockOffsetMillis(-offsetMillis)
                .setAttributes(Map.of("shiftMillis", Long.toString(shiftMillis), "wrapped", Boolean.toString(wrapped),
                        "carriedOver", Boolean.toString(carriedOver)))
                .build();
    }

    private static DecoderStatus.Builder base(SensorStream stream, DecoderStatusKind kind, Instant at) {
        return DecoderStatus.newBuilder()
                .setVenueId(stream.venueId())
                .setSource(Source.SMARTRACE)
                .setStreamId(stream.streamId())
                .setKind(kind)
                .setObservedAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setSystemState(null)
                .setClockOffsetMillis(null);
    }
}
