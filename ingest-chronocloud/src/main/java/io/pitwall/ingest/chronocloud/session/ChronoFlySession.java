package io.pitwall.ingest.chronocloud.session;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.codec.ChronoCloudInbound;
import io.pitwall.ingest.chronocloud.codec.ChronoCloudPdu;
import io.pitwall.ingest.chronocloud.codec.Confirmation;
import io.pitwall.ingest.chronocloud.codec.ConnectedPdu;
import io.pitwall.ingest.chronocloud.codec.DecodeErrorKind;
import io.pitwall.ingest.chronocloud.codec.KeepalivePdu;
import io.pitwall.ingest.chronocloud.codec.MalfunctionPdu;
import io.pitwall.ingest.chronocloud.codec.PassingPdu;
import io.pitwall.ingest.chronocloud.codec.PduDecodeError;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ChronoFly connection's protocol state machine.
 *
 * <p>For every PDU: find the station's venue (unknown station: refuse), check the signature (invalid
 * with {@code REJECT}: refuse), then
 * <ul>
 *   <li>{@code passing}: ask the {@link PassingLedger}. New → publish to {@code timing.passings} and
 *       confirm {@code bumb-<id>} once Kafka acknowledged it; already stored → confirm again without
 *       publishing; on its way → confirm when it lands.</li>
 *   <li>{@code connected}: publish a CONNECTED status, then {@code bumb-<id>}.</li>
 *   <li>{@code keepalive}: publish a CLOCK_OFFSET status, then {@code pong}. Routing the keepalive
 *       through Kafka means a station hears nothing at all while Kafka is down.</li>
 *   <li>{@code malfunction}: publish a MALFUNCTION status; the document defines no confirmation.</li>
 * </ul>
 * A refused PDU is never confirmed: the station keeps it and re-sends it, so a configuration mistake
 * loses nothing. Nothing is confirmed that Kafka has not acknowledged, and confirmations that could be
 * mistaken for each other wait for each other ({@link ConfirmationGate}).
 *
 * <p>Every method runs on the connection's event loop ({@link ConnectionChannel#executor()}), except
 * {@link #settled}, which hops there.
 */
public final class ChronoFlySession implements ConfirmationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChronoFlySession.class);
    /** {@code connected} ids remembered per connection; a station sends one per connection. */
    private static final int CONNECTED_IDS = 16;

    private final SessionContext ctx;
    private final ConnectionChannel channel;
    private final ConfirmationGate gate = new ConfirmationGate();
    private final WarningThrottle warnings = new WarningThrottle(Duration.ofMinutes(1));
    /** {@code connected} ids of this connection: true = stored, false = on its way. */
    private final Map<Long, Boolean> connectedIds = new LinkedHashMap<>(4, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > CONNECTED_IDS;
        }
    };
    private final Set<Long> keepalivesInFlight = new HashSet<>();
    private final Set<String> refusedStations = new HashSet<>();

    private String station;
    private String venue;
    /** No more input is processed and nothing more is written. */
    private boolean closed;
    private boolean reportedClosed;

    public ChronoFlySession(SessionContext ctx, ConnectionChannel channel) {
        this.ctx = ctx;
        this.channel = channel;
    }

    /** The TCP connection is up (its station is not known until the first PDU). */
    public void opened() {
        ctx.metrics().connectionOpened(IngestMetrics.UNKNOWN_VENUE);
    }

    public void onInbound(ChronoCloudInbound inbound) {
        if (closed) {
            return;
        }
        if (inbound instanceof PduDecodeError error) {
            decodeError(error);
        } else {
            onPdu((ChronoCloudPdu) inbound);
        }
    }

    /** A frame the server could not take at all (too large); the connection is being closed. */
    public void onFatalFrame(DecodeErrorKind kind, String detail) {
        ctx.metrics().decodeError(metricVenue(), kind.metricTag());
        LOG.warn("{}: {}; closing the connection", describe(), detail);
    }

    /**
     * Nothing was read for the idle timeout: the station is gone without closing.
     *
     * @return true: close the connection
     */
    public boolean onIdle() {
        if (venue != null) {
            publishStatus(ctx.statuses().heartbeatLost(venue, station, ctx.idleTimeout(), ctx.clock().instant()));
        }
        LOG.warn("{}: no PDU for {} s; closing the connection", describe(), ctx.idleTimeout().toSeconds());
        return true;
    }

    /** The connection closed; confirmations still pending will find it gone and are dropped. */
    public void closed(String reason) {
        if (reportedClosed) {
            return;
        }
        reportedClosed = true;
        closed = true;
        if (venue != null) {
            publishStatus(ctx.statuses().disconnected(venue, station, reason, ctx.clock().instant()));
            LOG.info("{}: disconnected ({})", describe(), reason);
        }
        ctx.metrics().connectionClosed(metricVenue());
    }

    private void onPdu(ChronoCloudPdu pdu) {
        Instant receivedAt = ctx.clock().instant();
        Optional<String> venueOfStation = ctx.directory().venueOf(pdu.station());
        if (venueOfStation.isEmpty()) {
            refuseUnknownStation(pdu);
            return;
        }
        String pduVenue = venueOfStation.get();
        identify(pdu, pduVenue);
        ctx.metrics().received(pduVenue);

        SignatureCheck signature = ctx.verifier().check(pdu.envelope());
        if (signature.isInvalid()) {
            if (ctx.onInvalidSignature() == SignatureFailureAction.REJECT) {
                ctx.chronoMetrics().signature(pduVenue, "rejected");
                warn("{}: {} PDU rejected, {}; not confirmed", describe(), pdu.event(), signature.reason());
                return;
            }
            ctx.chronoMetrics().signature(pduVenue, "flagged");
            warn("{}: {} PDU accepted although {} (signature failures are flagged, not rejected)", describe(),
                    pdu.event(), signature.reason());
        } else {
            ctx.chronoMetrics().signature(pduVenue, signature.state().attribute());
        }

        if (pdu instanceof PassingPdu passing) {
            onPassing(passing, pduVenue, signature, receivedAt);
        } else if (pdu instanceof ConnectedPdu connected) {
            onConnected(connected, pduVenue, signature, receivedAt);
        } else if (pdu instanceof KeepalivePdu keepalive) {
            onKeepalive(keepalive, pduVenue, signature, receivedAt);
        } else {
            publishStatus(ctx.statuses().malfunction((MalfunctionPdu) pdu, pduVenue, signature, receivedAt));
        }
    }

    private void onPassing(PassingPdu pdu, String pduVenue, SignatureCheck signature, Instant receivedAt) {
        StreamKey key = new StreamKey(pdu.station(), pdu.competition(), pdu.round());
        long id = pdu.id().value();
        Confirmation bumb = Confirmation.bumb(pdu.id());
        Admission admission = ctx.ledger().admit(key, id, new PassingIdentity(pdu.transponder(), pdu.time().text()), this);
        switch (admission.verdict()) {
            case STORED -> {
                ctx.chronoMetrics().duplicate(pduVenue);
                if (gate.confirmNow(bumb)) {
                    channel.write(bumb);
                }
            }
            case PENDING -> {
                ctx.chronoMetrics().duplicate(pduVenue);
                if (admission.newWaiter()) {
                    gate.hold(bumb);
                }
            }
            case NEW -> {
                if (admission.epochStarted()) {
                    ctx.chronoMetrics().numberingRestart(pduVenue);
                    LOG.info("{}: passing {} of round '{}' differs from the stored one with that id: ChronoFly restarted"
                            + " its numbering, stream epoch is now {}", describe(), id, pdu.round(), admission.epoch());
                }
                gate.hold(bumb);
                publishPassing(pdu, pduVenue, signature, receivedAt, key, admission.epoch(), bumb);
            }
            default -> throw new IllegalStateException("unexpected verdict " + admission.verdict());
        }
    }

    private void publishPassing(PassingPdu pdu, String pduVenue, SignatureCheck signature, Instant receivedAt,
            StreamKey key, long epoch, Confirmation bumb) {
        long id = pdu.id().value();
        Passing event;
        try {
            event = ctx.passings().toPassing(pdu, pduVenue, epoch, signature, receivedAt);
        } catch (RuntimeException e) {
            // a mapping bug must not leave the ledger entry pending for ever
            LOG.error("{}: could not map passing {}; not confirmed", describe(), id, e);
            notify(ctx.ledger().settle(key, epoch, id, false), bumb, false);
            return;
        }
        ctx.sink().publish(Topics.PASSINGS, pduVenue, event).whenComplete((metadata, failure) -> {
            if (failure != null) {
                warn("{}: passing {} of round '{}' not stored ({}); not confirmed, ChronoFly will re-send it", describe(),
                        id, pdu.round(), failure.getMessage());
            }
            notify(ctx.ledger().settle(key, epoch, id, failure == null), bumb, failure == null);
        });
    }

    private static void notify(Iterable<ConfirmationListener> listeners, Confirmation confirmation, boolean durable) {
        for (ConfirmationListener listener : listeners) {
            listener.settled(confirmation, durable);
        }
    }

    private void onConnected(ConnectedPdu pdu, String pduVenue, SignatureCheck signature, Instant receivedAt) {
        long id = pdu.id().value();
        Confirmation bumb = Confirmation.bumb(pdu.id());
        Boolean stored = connectedIds.get(id);
        if (stored != null) {
            if (stored && gate.confirmNow(bumb)) {
                channel.write(bumb);
            }
            return;
        }
        connectedIds.put(id, false);
        gate.hold(bumb);
        LOG.info("{}: connected{}", describe(), pdu.version().map(v -> ", ChronoFly " + v).orElse(""));
        DecoderStatus status = ctx.statuses().connected(pdu, pduVenue, signature, channel.remoteAddress(), receivedAt);
        ctx.sink().publish(Topics.DECODER_STATUS, pduVenue, status).whenCompleteAsync((metadata, failure) -> {
            if (failure == null) {
                connectedIds.put(id, true);
            } else {
                connectedIds.remove(id);
            }
            release(bumb, failure == null);
        }, channel.executor());
    }

    private void onKeepalive(KeepalivePdu pdu, String pduVenue, SignatureCheck signature, Instant receivedAt) {
        Long id = pdu.id().map(i -> i.value()).orElse(null);
        if (id != null && !keepalivesInFlight.add(id)) {
            // the station re-sent a keepalive we have not answered yet; the pong for the first covers it
            return;
        }
        gate.hold(Confirmation.PONG);
        DecoderStatus status = ctx.statuses().keepalive(pdu, pduVenue, signature, receivedAt);
        ctx.sink().publish(Topics.DECODER_STATUS, pduVenue, status).whenCompleteAsync((metadata, failure) -> {
            if (id != null) {
                keepalivesInFlight.remove(id);
            }
            release(Confirmation.PONG, failure == null);
        }, channel.executor());
    }

    /** Called by the ledger (publisher thread) when a passing this connection waits for settled. */
    @Override
    public void settled(Confirmation confirmation, boolean durable) {
        try {
            channel.executor().execute(() -> release(confirmation, durable));
        } catch (RejectedExecutionException shuttingDown) {
            // the server is stopping; the station re-sends whatever it did not hear back about
        }
    }

    private void release(Confirmation confirmation, boolean durable) {
        if (closed) {
            return;
        }
        if (!durable) {
            // The station will re-send the PDU, but meanwhile any later confirmation with the same text
            // (a duplicate, another round's passing with that id) could be taken for it. A fresh connection
            // has no such history: the station re-sends everything unconfirmed on it.
            LOG.warn("{}: a PDU answered by '{}' could not be stored; closing the connection so that no later"
                    + " '{}' can be mistaken for it (the station re-sends on its next connection)", describe(),
                    confirmation, confirmation);
            channel.close("closed by the server: a PDU could not be stored in Kafka");
            closed = true;
            return;
        }
        if (gate.release(confirmation)) {
            channel.write(confirmation);
        }
    }

    private void publishStatus(DecoderStatus status) {
        ctx.sink().publish(Topics.DECODER_STATUS, status.getVenueId(), status).whenComplete((metadata, failure) -> {
            if (failure != null) {
                warn("{}: {} status not stored ({})", describe(), status.getKind(), failure.getMessage());
            }
        });
    }

    private void identify(ChronoCloudPdu pdu, String pduVenue) {
        if (venue != null) {
            return;
        }
        station = pdu.station();
        venue = pduVenue;
        ctx.metrics().connectionClosed(IngestMetrics.UNKNOWN_VENUE);
        ctx.metrics().connectionOpened(venue);
        LOG.info("{}: station identified", describe());
    }

    private void refuseUnknownStation(ChronoCloudPdu pdu) {
        ctx.metrics().received(IngestMetrics.UNKNOWN_VENUE);
        ctx.metrics().decodeError(IngestMetrics.UNKNOWN_VENUE, "unknown_station");
        // once per station and connection is enough: the station re-sends every cycle
        if (refusedStations.size() < 16 && refusedStations.add(pdu.station())) {
            LOG.warn("ChronoFly {} from {} is not mapped to a venue (chronocloud.stations) and there is no"
                    + " chronocloud.default.venue: its PDUs are refused and not confirmed, so it keeps them",
                    PduDecodeError.printable(pdu.station(), 60), channel.remoteAddress());
        }
    }

    private void decodeError(PduDecodeError error) {
        ctx.metrics().decodeError(metricVenue(), error.kind().metricTag());
        warn("{}: frame ignored, {}", describe(), error);
    }

    private void warn(String format, Object... args) {
        long held = warnings.occurrence(System.nanoTime());
        if (held >= 0) {
            LOG.warn(held == 0 ? format : format + " (" + held + " similar warnings held back)", args);
        }
    }

    private String metricVenue() {
        return venue != null ? venue : IngestMetrics.UNKNOWN_VENUE;
    }

    private String describe() {
        return station == null ? "ChronoFly at " + channel.remoteAddress()
                : "ChronoFly " + PduDecodeError.printable(station, 60) + " (venue " + venue + ", " + channel.remoteAddress() + ")";
    }
}
