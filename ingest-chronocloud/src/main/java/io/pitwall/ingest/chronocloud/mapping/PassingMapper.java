package io.pitwall.ingest.chronocloud.mapping;

import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.chronocloud.codec.PassingPdu;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code passing} PDU → Avro {@link Passing}.
 *
 * <ul>
 *   <li>{@code streamId} = venue/station/competition/round ({@link StreamIds}); {@code sequence} = the
 *       PDU's {@code id}; {@code streamEpoch} as the session decided (0 until ChronoFly's tables are
 *       cleared within a round).</li>
 *   <li>{@code passingTime} from {@code time} through the venue's {@link VenueClock}.</li>
 *   <li>{@code line}/{@code lineIndex} from the station type through the {@link LineMap}.</li>
 *   <li>Attributes: {@code station}, {@code competition}, {@code round}, {@code stationType},
 *       {@code time} (as sent), {@code tctime} and {@code sent} (as instants, ISO 8601 UTC),
 *       {@code hits}, {@code lap} (as sent), {@code signature} ({@code verified}, {@code unsigned} or
 *       {@code invalid}) and, for an invalid one that was let through, {@code signatureProblem}.</li>
 * </ul>
 */
public final class PassingMapper {

    private final VenueClocks clocks;
    private final LineMap lines;

    public PassingMapper(VenueClocks clocks, LineMap lines) {
        this.clocks = Objects.requireNonNull(clocks, "clocks");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /**
     * @param venue      the station's venue (record key and {@code venueId})
     * @param epoch      the numbering epoch of the PDU's (station, competition, round)
     * @param signature  the outcome of the signature check
     * @param receivedAt when the frame arrived
     */
    public Passing toPassing(PassingPdu pdu, String venue, long epoch, SignatureCheck signature, Instant receivedAt) {
        VenueClock clock = clocks.forVenue(venue);
        // the station's own send time is the better anchor for a time of day: a re-send hours later keeps its day
        Instant sent = pdu.envelope().sent().map(t -> clock.toInstant(t, receivedAt)).orElse(null);
        Instant reference = sent != null ? sent : receivedAt;
        Instant time = clock.toInstant(pdu.time(), reference);
        LineAssignment line = lines.resolve(pdu.station(), venue, pdu.stationType());

        Map<String, String> attributes = new HashMap<>(16);
        attributes.put("station", pdu.station());
        attributes.put("competition", pdu.competition());
        attributes.put("round", pdu.round());
        attributes.put("stationType", pdu.stationType());
        attributes.put("time", pdu.time().text());
        pdu.tcTime().ifPresent(tc -> attributes.put("tctime", clock.toInstant(tc, time).toString()));
        if (sent != null) {
            attributes.put("sent", sent.toString());
        }
        pdu.hits().ifPresent(hits -> attributes.put("hits", hits));
        pdu.lap().ifPresent(lap -> attributes.put("lap", lap));
        attributes.put("signature", signature.state().attribute());
        if (signature.isInvalid()) {
            attributes.put("signatureProblem", signature.reason());
        }

        return Passing.newBuilder()
                .setVenueId(venue)
                .setSource(Source.CHRONOCLOUD)
                .setStreamId(StreamIds.passings(venue, pdu.station(), pdu.competition(), pdu.round()))
                .setStreamEpoch(epoch)
                .setSequence(pdu.id().value())
                .setTransponder(pdu.transponder())
                .setName(null)
                .setPassingTime(time)
                .setLine(line.line())
                .setLineIndex(line.index())
                .setReceivedAt(receivedAt)
                .setAttributes(attributes)
                .build();
    }
}
