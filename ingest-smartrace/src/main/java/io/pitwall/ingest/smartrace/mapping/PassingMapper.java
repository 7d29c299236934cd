package io.pitwall.ingest.smartrace.mapping;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.smartrace.session.Crossing;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Crossing} as a {@code Passing}. The transponder is the controller id ("1".."6"), so a
 * venue's entry list names cars by their controller.
 *
 * <p>Attributes: {@value #LINE} = the Smartrace message type ({@code analog_lap}, {@code
 * analog_pit_enter}, {@code analog_pit_leave}) — the raw line identifier the lap-processor's line map
 * matches, so race control can remap a sensor; {@value #SENSOR_TIMESTAMP} = the sensor's raw counter
 * value when the message had one; {@value #FLPL} = "true" for the two halves of a pit-leave + lap
 * double message; {@value #SENSOR_ROLE} = what the sensor registered as with {@code controller_set}.
 */
public final class PassingMapper {

    public static final String LINE = "line";
    public static final String SENSOR_TIMESTAMP = "sensorTimestamp";
    public static final String FLPL = "flpl";
    public static final String SENSOR_ROLE = "sensorRole";

    public Passing toPassing(SensorStream stream, Crossing crossing, Instant receivedAt, String sensorRole) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(LINE, crossing.line().messageType());
        crossing.sensorTimestamp().ifPresent(ts -> attributes.put(SENSOR_TIMESTAMP, Long.toString(ts)));
        if (crossing.flpl()) {
            attributes.put(FLPL, "true");
        }
        if (sensorRole != null) {
            attributes.put(SENSOR_ROLE, sensorRole);
        }
        return Passing.newBuilder()
                .setVenueId(stream.venueId())
                .setSource(Source.SMARTRACE)
                .setStreamId(stream.streamId())
                .setStreamEpoch(stream.streamEpoch())
                .setSequence(crossing.sequence())
                .setTransponder(Integer.toString(crossing.controllerId()))
                .setName(null)
                .setPassingTime(Instant.ofEpochMilli(crossing.timeMillis()))
                .setLine(lineKind(crossing))
                .setLineIndex(null)
                .setReceivedAt(receivedAt.truncatedTo(ChronoUnit.MILLIS))
                .setAttributes(attributes)
                .build();
    }

    private static LineKind lineKind(Crossing crossing) {
        return switch (crossing.line()) {
            case FINISH -> LineKind.FINISH;
            case PIT_IN -> LineKind.PIT_IN;
            case PIT_OUT -> LineKind.PIT_OUT;
        };
    }
}
