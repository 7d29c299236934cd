package io.pitwall.ingest.ctp01.session;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.AuthorizeReply;
import io.pitwall.ingest.ctp01.codec.AuthorizeRequest;
import io.pitwall.ingest.ctp01.codec.ClientGreeting;
import io.pitwall.ingest.ctp01.codec.Ctp01Command;
import io.pitwall.ingest.ctp01.codec.Ctp01DecodeError;
import io.pitwall.ingest.ctp01.codec.Ctp01LineDecoder;
import io.pitwall.ingest.ctp01.codec.Ctp01LineTooLongException;
import io.pitwall.ingest.ctp01.codec.Ctp01Outbound;
import io.pitwall.ingest.ctp01.codec.Ctp01Reply;
import io.pitwall.ingest.ctp01.codec.GunTime;
import io.pitwall.ingest.ctp01.codec.NewLocation;
import io.pitwall.ingest.ctp01.codec.TagEvent;
import io.pitwall.ingest.ctp01.codec.TagObservation;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.config.VenueConfig;
import io.pitwall.ingest.ctp01.mapping.PassingMapper;
import io.pitwall.ingest.ctp01.mapping.StatusMapper;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import io.pitwall.ingest.ctp01.resume.StreamProgress;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ChronoTrack client connection, from the server's side: the CTP01 state machine.
 *
 * <pre>
 * AWAITING_GREETING --client greeting / server greeting + request options--> AUTHORIZING (or IDENTIFYING
 *   when the port needs no authentication) --ack~authorize--> IDENTIFYING --getconnectionid answered-->
 *   STREAMING --> CLOSED
 * </pre>
 *
 * In IDENTIFYING the server asks {@code getconnectionid}, {@code getlocations} and {@code geteventinfo}.
 * The connection id names the client's streams ({@link StreamKey}) and the event id tells whether their
 * numbering started over; once both are answered, {@link PushStreams} or {@link PullLoop} takes over,
 * each location resuming right after its stored position.
 *
 * <p>Every tag event is admitted to its stream's {@link StreamProgress} (which drops repeated
 * sequences), mapped and published; the stream's resume position advances only when Kafka acknowledged
 * it. If Kafka refuses an event the connection is closed, so the client re-sends from the stored
 * position on its next connection.
 *
 * <p>Runs on the channel's event loop, except the publish callbacks (publisher thread), which only
 * touch thread-safe state or close the channel.
 */
public final class Ctp01Session extends ChannelInboundHandlerAdapter {

    /** Program name of the server greeting. */
    public static final String PROGRAM = "Pitwall";

    private static final Logger LOG = LoggerFactory.getLogger(Ctp01Session.class);
    private static final String VERSION = Optional.ofNullable(Ctp01Session.class.getPackage().getImplementationVersion())
            .orElse("dev");
    /** Decode errors logged at WARN per connection; the rest only count (a garbage storm must not flood the log). */
    private static final int LOGGED_DECODE_ERRORS = 5;
    /** What a refused client is told: never which of user or password was wrong. */
    private static final String REJECTION = "invalid user or password";

    enum State { AWAITING_GREETING, AUTHORIZING, REJECTED, IDENTIFYING, STREAMING, CLOSED }

    private final SessionServices services;
    private final Listener listener;
    private final Set<String> locationsBeforeIdentified = new LinkedHashSet<>();
    private final PendingReplies replies = new PendingReplies();
    private final AtomicBoolean publishFailureReported = new AtomicBoolean();

    private ChannelHandlerContext ctx;
    private State state = State.AWAITING_GREETING;
    private String remote = "?";
    private ClientGreeting client;
    private String seed;
    private String user;
    private VenueConfig venue;
    private String connectionId;
    /** Answers collected in IDENTIFYING: streams resume only once both are known. */
    private String reportedConnectionId;
    private boolean eventInfoAnswered;
    private String eventId;
    private Streaming streaming;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> refreshTimer;
    private int decodeErrors;
    private long tagEvents;

    public Ctp01Session(SessionServices services, Listener listener) {
        this.services = services;
        this.listener = listener;
    }

    // ------------------------------------------------------------------ Netty events

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        SocketAddress address = context.channel().remoteAddress();
        remote = address == null ? "?" : address.toString();
        services.attachBackPressure().accept(context.channel());
        handshakeTimer = schedule(services.config().handshakeTimeout(), this::handshakeExpired);
        LOG.debug("CTP01 connection from {} on port {}", remote, listener.port());
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        services.metrics().received(venueTag());
        if (state == State.CLOSED || state == State.REJECTED) {
            return;
        }
        if (message instanceof Ctp01DecodeError error) {
            decodeError(error.kind().name().toLowerCase(java.util.Locale.ROOT), error.excerpt() + ": " + error.detail());
        } else if (message instanceof ClientGreeting greeting) {
            onGreeting(greeting);
        } else if (message instanceof AuthorizeRequest request) {
            onAuthorize(request);
        } else if (message instanceof Ctp01Reply reply) {
            onReply(reply);
        } else if (message instanceof TagEvent event) {
            onTagEvent(event);
        } else {
            context.fireChannelRead(message);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                readerIdle();
            } else if (idle.state() == IdleState.WRITER_IDLE && state == State.STREAMING) {
                send(Ctp01Command.PING, "ping", null);
            }
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof Ctp01LineTooLongException tooLong) {
            services.metrics().decodeError(venueTag(), "line_too_long");
            LOG.warn("{}: line longer than {} bytes; closing the connection", who(), tooLong.maxLineLength());
        } else if (cause instanceof IOException) {
            LOG.info("{}: connection failed: {}", who(), cause.toString());
        } else {
            LOG.warn("{}: unexpected error; closing the connection", who(), cause);
        }
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        State before = state;
        state = State.CLOSED;
        cancel(handshakeTimer);
        cancel(refreshTimer);
        if (streaming != null) {
            streaming.close();
        }
        if (venue != null) {
            services.metrics().connectionClosed(venue.id());
        }
        if (connectionId != null) {
            services.activeSessions().remove(venue.id(), connectionId, this);
            publishStatus(DecoderStatusKind.DISCONNECTED, "CTP01 client disconnected", Map.of());
        }
        LOG.info("{}: connection closed in state {} after {} tag events", who(), before, tagEvents);
        context.fireChannelInactive();
    }

    // ------------------------------------------------------------------ handshake

    private void onGreeting(ClientGreeting greeting) {
        if (state != State.AWAITING_GREETING) {
            LOG.debug("{}: ignoring a repeated greeting", who());
            return;
        }
        client = greeting;
        VenueConfig.GreetingSettings settings = listener.greeting();
        seed = settings.authentication().requiresSeed() ? services.seeds().nextSeed() : null;
        ctx.writeAndFlush(Greetings.serverGreeting(PROGRAM, VERSION, settings, seed));
        if (settings.authentication() == AuthenticationMethod.NONE) {
            // the configuration guarantees that a port without authentication serves one venue
            venueIdentified(listener.onlyVenue().orElseThrow());
        } else {
            state = State.AUTHORIZING;
        }
    }

    private void onAuthorize(AuthorizeRequest request) {
        if (state != State.AUTHORIZING) {
            LOG.warn("{}: unexpected authorize (state {}); ignored", who(), state);
            return;
        }
        Authorizer.Result result = Authorizer.check(listener, listener.greeting().authentication(), seed, request);
        if (result.accepted()) {
            user = request.userId();
            ctx.writeAndFlush(AuthorizeReply.accept());
            venueIdentified(result.venue().orElseThrow());
            return;
        }
        state = State.REJECTED;
        String claimedVenue = result.claimedVenue().map(VenueConfig::id).orElse(null);
        services.sessionMetrics().handshakeFailure(claimedVenue, result.failure());
        LOG.warn("CTP01 authorization refused for user '{}' from {} on port {}: {} ({})", request.userId(), remote,
                listener.port(), result.failure().replace('_', ' '), listener.greeting().authentication().optionValue());
        result.claimedVenue().ifPresent(v -> services.sink().publish(Topics.DECODER_STATUS, v.id(),
                StatusMapper.connection(v.id(), "user:" + request.userId(), DecoderStatusKind.HANDSHAKE_FAILED,
                        "CTP01 authorization refused: " + result.failure().replace('_', ' '),
                        Map.of("user", request.userId(), "remoteAddress", remote), services.clock().instant())));
        // answered late on purpose: each guess costs the guesser a delay and a new connection
        schedule(services.config().authFailureDelay(), () -> ctx.writeAndFlush(AuthorizeReply.reject(REJECTION))
                .addListener(ChannelFutureListener.CLOSE));
    }

    private void venueIdentified(VenueConfig identified) {
        venue = identified;
        Ctp01LineDecoder decoder = ctx.pipeline().get(Ctp01LineDecoder.class);
        if (decoder != null) {
            decoder.parser(venue.parser());
        }
        services.metrics().connectionOpened(venue.id());
        state = State.IDENTIFYING;
        send(Ctp01Command.GET_CONNECTION_ID, "getconnectionid", null);
        send(Ctp01Command.GET_LOCATIONS, "getlocations", null);
        send(Ctp01Command.GET_EVENT_INFO, "geteventinfo", null);
    }

    private void identifiedIfComplete() {
        if (state == State.IDENTIFYING && reportedConnectionId != null && eventInfoAnswered) {
            identified(reportedConnectionId);
        }
    }

    /** The client's streams are named now: resume them. */
    private void identified(String id) {
        connectionId = id;
        cancel(handshakeTimer);
        state = State.STREAMING;
        services.activeSessions().register(venue.id(), connectionId, this).ifPresent(previous -> previous.supersede(remote));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("program", client.program());
        attributes.put("version", client.version());
        attributes.put("remoteAddress", remote);
        attributes.put("streamMode", venue.streamMode().optionValue());
        if (user != null) {
            attributes.put("user", user);
        }
        if (eventId != null) {
            attributes.put("eventId", eventId);
        }
        publishStatus(DecoderStatusKind.CONNECTED, "CTP01 client connected", attributes);
        LOG.info("{}: {} {} connected{}, {} mode", who(), client.program(), client.version(),
                user == null ? "" : " as user '" + user + "'", venue.streamMode().optionValue());
        streaming = switch (venue.streamMode()) {
            case PUSH -> new PushStreams(this);
            case PULL -> new PullLoop(this);
        };
        streaming.locationsAvailable(List.copyOf(locationsBeforeIdentified));
        locationsBeforeIdentified.clear();
        long refresh = services.config().locationsRefresh().toMillis();
        refreshTimer = ctx.executor().scheduleAtFixedRate(() -> send(Ctp01Command.GET_LOCATIONS, "getlocations", null),
                refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private void handshakeExpired() {
        if (state == State.AWAITING_GREETING || state == State.AUTHORIZING || state == State.IDENTIFYING) {
            services.sessionMetrics().handshakeFailure(venue == null ? null : venue.id(), SessionMetrics.TIMEOUT);
            LOG.warn("{}: handshake not finished within {} (state {}); closing", who(),
                    services.config().handshakeTimeout(), state);
            ctx.close();
        }
    }

    /** Another connection of the same client took over. */
    void supersede(String by) {
        ctx.executor().execute(() -> {
            LOG.info("{}: the client connected again from {}; closing this older connection", who(), by);
            ctx.close();
        });
    }

    private void readerIdle() {
        if (!ctx.channel().config().isAutoRead()) {
            return; // reading is paused by back-pressure, so silence proves nothing
        }
        LOG.warn("{}: nothing received for {}; connection presumed dead, closing", who(), services.config().idleTimeout());
        if (connectionId != null) {
            publishStatus(DecoderStatusKind.HEARTBEAT_LOST, "No data or ping answer for "
                    + services.config().idleTimeout().toSeconds() + " s", Map.of());
        }
        ctx.close();
    }

    // ------------------------------------------------------------------ replies

    private void onReply(Ctp01Reply reply) {
        Optional<PendingReplies.Pending> answered = replies.match(reply);
        if (reply instanceof Ctp01Reply.ErrorReply error) {
            onClientError(error, answered);
        } else if (reply instanceof Ctp01Reply.ConnectionIdAck ack) {
            if (state == State.IDENTIFYING && reportedConnectionId == null) {
                reportedConnectionId = ack.connectionId();
                identifiedIfComplete();
            }
        } else if (reply instanceof Ctp01Reply.LocationsAck locations) {
            locationsAvailable(locations.locations());
        } else if (reply instanceof Ctp01Reply.EventInfoAck info) {
            LOG.info("{}: client event '{}' (id {}): {}", who(), info.eventName(), info.eventId(), info.description());
            if (state == State.IDENTIFYING && !eventInfoAnswered) {
                eventInfoAnswered = true;
                eventId = info.eventId().isBlank() ? null : info.eventId();
                identifiedIfComplete();
            }
        } else if (reply instanceof Ctp01Reply.StartAck start) {
            if (streaming != null) {
                streaming.startAcknowledged(start.location().orElse(answered.map(PendingReplies.Pending::location)
                        .orElse(null)));
            }
        } else if (reply instanceof Ctp01Reply.GetDataAck data) {
            if (streaming != null) {
                streaming.getDataAcknowledged(data.itemCount());
            }
        }
        // ack~ping and ack~stop need nothing: any line proves the link alive
    }

    private void onClientError(Ctp01Reply.ErrorReply error, Optional<PendingReplies.Pending> answered) {
        String command = answered.map(PendingReplies.Pending::command).orElse(error.command());
        String location = answered.map(PendingReplies.Pending::location).orElse(null);
        services.sessionMetrics().clientError(venueTag(), command);
        LOG.warn("{}: client refused {}{}: {}", who(), command, location == null ? "" : " " + location, error.message());
        if (venue != null) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("command", command);
            attributes.put("error", error.message());
            if (location != null) {
                attributes.put(PassingMapper.LOCATION, location);
            }
            services.sink().publish(Topics.DECODER_STATUS, venue.id(), StatusMapper.connection(venue.id(),
                    connectionId == null ? "user:" + user : connectionId, DecoderStatusKind.ERROR,
                    "err~" + error.command() + "~" + error.message(), attributes, services.clock().instant()));
        }
        if (command.equals("getconnectionid") && state == State.IDENTIFYING && reportedConnectionId == null) {
            // clients before SimpleClient 0.4.0 have no connection id; one box per user keeps resume working
            reportedConnectionId = user != null ? "user:" + user : "port:" + listener.port();
            LOG.warn("{}: the client has no connection id; resume positions are kept under '{}'", who(),
                    reportedConnectionId);
            identifiedIfComplete();
        } else if (command.equals("geteventinfo") && state == State.IDENTIFYING && !eventInfoAnswered) {
            eventInfoAnswered = true;
            identifiedIfComplete();
        } else if (streaming != null) {
            streaming.commandRefused(command, location, error.message());
        }
    }

    private void locationsAvailable(List<String> locations) {
        if (streaming == null) {
            locationsBeforeIdentified.addAll(locations);
        } else {
            streaming.locationsAvailable(locations);
        }
    }

    // ------------------------------------------------------------------ tag events

    private void onTagEvent(TagEvent event) {
        if (event instanceof NewLocation newLocation) {
            LOG.debug("{}: location {} available", who(), newLocation.location());
            locationsAvailable(List.of(newLocation.location()));
            return;
        }
        if (state != State.STREAMING) {
            decodeError("unexpected_tag_event", "tag event before the connection was identified");
            return;
        }
        tagEvents++;
        deliver(event);
        streaming.tagEventReceived(event);
    }

    private void deliver(TagEvent event) {
        StreamKey key = new StreamKey(venue.id(), connectionId, event.location());
        StreamProgress progress = services.tracker().progress(key);
        StreamProgress.Ticket ticket = progress.admit(this, event.sequence());
        switch (ticket.admission()) {
            case DUPLICATE -> {
                services.sessionMetrics().duplicate(venue.id());
                return;
            }
            case REFUSED -> {
                // a location never started here, or one a newer connection of the same client took over
                decodeError("not_owner", "tag event of location " + event.location()
                        + " which this connection does not stream");
                return;
            }
            case ACCEPTED -> {
                if (ticket.gapBefore() > 0) {
                    services.sessionMetrics().gap(venue.id(), ticket.gapBefore());
                }
            }
        }
        CompletionStage<RecordMetadata> stage;
        try {
            Instant now = services.clock().instant();
            stage = event instanceof TagObservation observation
                    ? publish(Topics.PASSINGS, PassingMapper.passing(key, ticket.epoch(), observation, venue.lines(), now))
                    : publish(Topics.DECODER_STATUS, StatusMapper.gunTime(key, (GunTime) event, now));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((metadata, error) -> {
            progress.settle(ticket, error == null);
            if (error != null) {
                publishFailed(key, ticket.sequence(), error);
            }
        });
    }

    private CompletionStage<RecordMetadata> publish(io.pitwall.schemas.catalog.TopicSpec topic, SpecificRecord event) {
        return services.sink().publish(topic, venue.id(), event);
    }

    /** Called on the publisher's thread: only thread-safe work here. */
    private void publishFailed(StreamKey key, int sequence, Throwable error) {
        if (publishFailureReported.compareAndSet(false, true)) {
            LOG.warn("{}: Kafka did not take sequence {} of {} ({}); closing the connection so the client resends"
                    + " from the stored position", who(), sequence, key, error.toString());
        }
        ctx.channel().close();
    }

    private void decodeError(String kind, String detail) {
        services.metrics().decodeError(venueTag(), kind);
        if (++decodeErrors <= LOGGED_DECODE_ERRORS) {
            LOG.warn("{}: undecodable line ({}): {}{}", who(), kind, detail,
                    decodeErrors == LOGGED_DECODE_ERRORS ? " (further errors of this connection are only counted)" : "");
        } else {
            LOG.debug("{}: undecodable line ({}): {}", who(), kind, detail);
        }
    }

    // ------------------------------------------------------------------ for PushStreams and PullLoop

    /** Claims the stream of {@code location}; completes on the event loop with where it resumes. */
    CompletionStage<StreamProgress.Resume> claim(String location) {
        CompletableFuture<StreamProgress.Resume> onLoop = new CompletableFuture<>();
        progress(location).claim(this, eventId).whenComplete((resume, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                onLoop.completeExceptionally(error);
            } else {
                onLoop.complete(resume);
            }
        }));
        return onLoop;
    }

    void release(String location) {
        progress(location).release(this);
    }

    StreamProgress progress(String location) {
        return services.tracker().progress(new StreamKey(venue.id(), connectionId, location));
    }

    /** Sends a command; {@code expectedReply} names the answer to wait for, null for none. */
    void send(Ctp01Outbound command, String expectedReply, String location) {
        if (state == State.CLOSED) {
            return;
        }
        if (expectedReply != null) {
            replies.expect(expectedReply, location);
        }
        ctx.writeAndFlush(command);
    }

    boolean isStreaming() {
        return state == State.STREAMING;
    }

    /** False while back-pressure has paused reading: asking the client for more makes no sense then. */
    boolean readingEnabled() {
        return ctx.channel().config().isAutoRead();
    }

    VenueConfig venue() {
        return venue;
    }

    Duration idleTimeout() {
        return services.config().idleTimeout();
    }

    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return ctx.executor().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Log prefix: venue, connection id and address. */
    String who() {
        StringBuilder out = new StringBuilder("CTP01 ");
        out.append(venue == null ? "?" : venue.id());
        if (connectionId != null) {
            out.append('/').append(connectionId);
        }
        return out.append(" (").append(remote).append(')').toString();
    }

    // ------------------------------------------------------------------ helpers

    private void publishStatus(DecoderStatusKind kind, String message, Map<String, String> attributes) {
        services.sink().publish(Topics.DECODER_STATUS, venue.id(), StatusMapper.connection(venue.id(), connectionId,
                kind, message, attributes, services.clock().instant())).whenComplete((metadata, error) -> {
                    if (error != null) {
                        LOG.debug("{}: {} status not published: {}", who(), kind, error.toString());
                    }
                });
    }

    private String venueTag() {
        return venue == null ? IngestMetrics.UNKNOWN_VENUE : venue.id();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
