package io.pitwall.ingest.smartrace.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.events.Passing;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.smartrace.bridge.UpstreamLink;
import io.pitwall.ingest.smartrace.bridge.UpstreamLink.FrameRole;
import io.pitwall.ingest.smartrace.codec.DecodeError;
import io.pitwall.ingest.smartrace.codec.ReceivedFrame;
import io.pitwall.ingest.smartrace.codec.SensorMessage;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.mapping.DecoderStatusMapper;
import io.pitwall.ingest.smartrace.mapping.PassingMapper;
import io.pitwall.ingest.smartrace.mapping.SensorStream;
import io.pitwall.ingest.smartrace.mapping.SessionControlMapper;
import io.pitwall.ingest.smartrace.session.Crossing;
import io.pitwall.ingest.smartrace.session.SensorClock;
import io.pitwall.ingest.smartrace.session.SensorSession;
import io.pitwall.ingest.smartrace.session.SessionOutput;
import io.pitwall.ingest.smartrace.venue.VenueState;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sensor connection after the WebSocket handshake: feeds decoded messages to its {@link
 * SensorSession}, carries out what the session asks (replies, passings, race control), relays to the
 * bridge, pushes race status changes of the venue, keeps the connection alive with pings and closes
 * it when the sensor goes silent.
 *
 * <p>Smartrace has no acknowledgements, so "confirm only after Kafka" takes this form: reads pause
 * under the publisher's back-pressure (TCP then holds the sensor back), and a crossing Kafka did not
 * take closes the connection, so the sensor reconnects and re-sends its last laps; the crossing's
 * dedupe entry is forgotten first, so the re-send is accepted. Runs on the channel's event loop; only
 * {@link VenueState.Listener#push} is called from elsewhere and hops over.
 */
final class SensorConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SensorConnectionHandler.class);
    /** Decode errors of one connection logged at WARN before the rest go to DEBUG (they are all counted). */
    private static final int LOGGED_DECODE_ERRORS = 5;
    private static final LogLimiter LOST_EVENTS = new LogLimiter(Duration.ofSeconds(10));

    private final ConnectionServices services;
    private final PassingMapper passings = new PassingMapper();
    private final SessionControlMapper controls = new SessionControlMapper();
    private final DecoderStatusMapper statuses = new DecoderStatusMapper();

    private Channel channel;
    private VenueState venue;
    private SensorStream stream;
    private SensorSession session;
    private UpstreamLink upstream;
    private VenueState.Listener listener;
    private String closeReason = "sensor closed the connection";
    private long decodeErrors;
    private long crossings;

    SensorConnectionHandler(ConnectionServices services) {
        this.services = services;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            opened(ctx.channel());
        } else if (event instanceof IdleStateEvent idle) {
            idle(ctx, idle);
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ReceivedFrame frame && session != null) {
            received(frame);
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            execute(session.drain());
            venue.removeListener(listener);
            if (upstream != null) {
                upstream.close();
            }
            services.ingestMetrics().connectionClosed(venue.venueId());
            publish(Topics.DECODER_STATUS, statuses.disconnected(stream, closeReason, crossings, now()));
            LOG.info("Sensor {} disconnected ({}); {} crossings", stream, closeReason, crossings);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // bounded memory: a message over the limit ends the connection, cleanly
            closeReason = "message over the size limit";
            services.ingestMetrics().decodeError(venueTag(), "message_too_long");
        } else if (cause instanceof CorruptedFrameException) {
            // malformed or oversized WebSocket frame: the protocol handler closes with 1002/1009
            closeReason = "invalid WebSocket frame: " + cause.getMessage();
            services.ingestMetrics().decodeError(venueTag(), "invalid_frame");
        } else {
            closeReason = "connection error: " + cause;
        }
        LOG.debug("Sensor {}: {}", stream != null ? stream : ctx.channel().remoteAddress(), closeReason);
        ctx.close();
    }

    private void opened(Channel ch) {
        channel = ch;
        String venueId = ch.attr(SensorAttributes.VENUE).get();
        venue = services.venues().venue(venueId).orElseThrow(() -> new IllegalStateException("venue " + venueId));
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        stream = SensorStream.of(venueId, remote.getHostString(), remote.getPort(), services.epochs().next());
        services.bridge().flatMap(b -> b.upstreamFor(venueId)).ifPresent(uri -> {
            upstream = new UpstreamLink(uri, venueId, stream.toString(), ch.eventLoop(), services.ssl(),
                    services.bridge().get(), services.bridgeMetrics(), this::relayToSensor);
            upstream.start();
        });
        String sensorAddress = remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        session = new SensorSession(venue, services.session(), sensorAddress, () -> upstream == null || !upstream.isOpen());
        listener = messages -> ch.eventLoop().execute(() -> pushStatus(messages));
        venue.addListener(listener);
        services.ingestMetrics().connectionOpened(venueId);
        services.backPressure().accept(ch);
        String remoteText = remote.getHostString() + ":" + remote.getPort();
        publish(Topics.DECODER_STATUS, statuses.connected(stream, remoteText, ch.attr(SensorAttributes.PATH).get(), now()));
        LOG.info("Sensor connected from {} to venue {}: stream {}{}", remoteText, venueId, stream,
                upstream != null ? ", bridged to Smartrace" : "");
    }

    private void received(ReceivedFrame frame) {
        String venueId = venue.venueId();
        services.ingestMetrics().received(venueId);
        if (upstream != null && frame.text() != null) {
            upstream.fromSensor(frame.text(), roleOf(frame));
        }
        if (frame.inbound() instanceof DecodeError error) {
            services.ingestMetrics().decodeError(venueId, error.kind().metricTag());
            if (++decodeErrors <= LOGGED_DECODE_ERRORS) {
                LOG.warn("Sensor {} sent an invalid message, ignored: {}{}", stream, error,
                        decodeErrors == LOGGED_DECODE_ERRORS ? " (further ones are logged at DEBUG)" : "");
            } else {
                LOG.debug("Sensor {} sent an invalid message, ignored: {}", stream, error);
            }
            return;
        }
        execute(session.onMessage((SensorMessage) frame.inbound(), now()));
    }

    private static FrameRole roleOf(ReceivedFrame frame) {
        if (frame.inbound() instanceof SensorMessage.ApiVersionRequest) {
            return FrameRole.API_VERSION;
        }
        if (frame.inbound() instanceof SensorMessage.ControllerSet) {
            return FrameRole.CONTROLLER_SET;
        }
        return FrameRole.OTHER;
    }

    private void execute(List<SessionOutput> outputs) {
        for (SessionOutput output : outputs) {
            if (output instanceof SessionOutput.Reply reply) {
                channel.writeAndFlush(reply.message());
            } else if (output instanceof SessionOutput.Publish publish) {
                publishCrossing(publish.crossing());
            } else if (output instanceof SessionOutput.RaceControlRequest request) {
                publish(Topics.SESSION_CONTROL, controls.toSessionControl(stream, request.command(), request.at(),
                        venue.currentFlag()));
                LOG.info("Sensor {} race control: {}", stream, request.command().wire());
            } else if (output instanceof SessionOutput.Duplicate duplicate) {
                services.metrics().duplicate(venue.venueId());
                LOG.debug("Sensor {} re-sent {}, dropped", stream, duplicate.key());
            } else if (output instanceof SessionOutput.ClockChanged changed) {
                clockChanged(changed.reading());
            } else if (output instanceof SessionOutput.FlushAfter flush) {
                channel.eventLoop().schedule(() -> execute(session.flushPending(now())),
                        flush.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void publishCrossing(Crossing crossing) {
        Instant receivedAt = now();
        Passing passing = passings.toPassing(stream, crossing, receivedAt, session.role());
        crossings++;
        services.sink().publish(Topics.PASSINGS, venue.venueId(), passing).whenCompleteAsync((metadata, error) -> {
            if (error != null) {
                unconfirmed(crossing, error);
            }
        }, channel.eventLoop());
    }

    private void unconfirmed(Crossing crossing, Throwable error) {
        if (crossing.dedupeKey() != null) {
            venue.recentLaps().forget(crossing.dedupeKey());
        }
        services.metrics().unconfirmed(venue.venueId());
        if (channel.isActive()) {
            LOG.warn("Sensor {}: crossing #{} ({} of controller {}) was not written to Kafka ({}); closing the "
                    + "connection so the sensor reconnects and re-sends its last laps", stream, crossing.sequence(),
                    crossing.line(), crossing.controllerId(), error.getMessage());
            closeReason = "a crossing was not written to Kafka";
            channel.close();
        } else {
            LOG.warn("Sensor {}: crossing #{} ({} of controller {}) was not written to Kafka ({})", stream,
                    crossing.sequence(), crossing.line(), crossing.controllerId(), error.getMessage());
        }
    }

    private void clockChanged(SensorClock.Reading reading) {
        if (reading.wrapped()) {
            services.metrics().wrapped(venue.venueId());
            LOG.info("Sensor {}: counter wrapped", stream);
        }
        if (reading.carriedOver()) {
            LOG.info("Sensor {}: counter continues the previous connection's, its anchor kept", stream);
        }
        if (reading.reanchoredByMillis() != 0) {
            services.metrics().reanchored(venue.venueId());
            LOG.info("Sensor {}: counter re-anchored {} ms earlier (its first timed message arrived late, or its "
                    + "clock runs fast)", stream, reading.reanchoredByMillis());
        }
        publish(Topics.DECODER_STATUS, statuses.clockOffset(stream, reading.offsetMillis(),
                reading.reanchoredByMillis(), reading.wrapped(), reading.carriedOver(), now()));
    }

    /** Status and controller data changes of the venue; the bridged Smartrace, when there, owns them. */
    private void pushStatus(List<ServerMessage> messages) {
        if (!channel.isActive() || upstream != null && upstream.isOpen()) {
            return;
        }
        messages.forEach(channel::write);
        channel.flush();
    }

    private void relayToSensor(String text) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            // the sensor does not read: drop rather than buffer without bound
            services.bridgeMetrics().dropped(venue.venueId(), "sensor_slow");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    private void idle(ChannelHandlerContext ctx, IdleStateEvent idle) {
        if (idle.state() == IdleState.READER_IDLE) {
            closeReason = "nothing received (not even a pong) within the idle timeout";
            ctx.close();
        } else if (idle.state() == IdleState.WRITER_IDLE && session != null) {
            ctx.writeAndFlush(new PingWebSocketFrame());
        }
    }

    /**
     * Fire and forget: a lost status or race-control event only costs information, and the sensor has
     * no way to send it again. Logged at most every 10 s over all connections (a full publisher fails
     * many at once).
     */
    private void publish(TopicSpec topic, SpecificRecord event) {
        services.sink().publish(topic, venue.venueId(), event).whenComplete((metadata, error) -> {
            long suppressed = error == null ? -1 : LOST_EVENTS.tryLog(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn("Sensor {}: {} event not written to Kafka: {}{}", stream, topic.name(), error.getMessage(),
                        suppressed > 0 ? " (" + suppressed + " more not logged)" : "");
            }
        });
    }

    private String venueTag() {
        return venue != null ? venue.venueId() : IngestMetrics.UNKNOWN_VENUE;
    }

    private Instant now() {
        return services.clock().instant();
    }
}
