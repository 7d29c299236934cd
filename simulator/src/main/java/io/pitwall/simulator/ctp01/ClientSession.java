package io.pitwall.simulator.ctp01;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the simulated box, from the box's side: greeting, request options,
 * authorization, then commands. Everything runs on the channel's event loop; changes on the box
 * only schedule work there.
 */
final class ClientSession extends SimpleChannelInboundHandler<String> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final String CRLF = "\r\n";
    /** Push events written before yielding the event loop to other work. */
    private static final int PUSH_SLICE = 4096;
    private static final int PUSH_BATCH = 256;

    private enum State { GREETING_SENT, READING_OPTIONS, AUTHORIZING, READY, CLOSED }

    private final ChronoTrackBox box;
    private final ClientConfig config;
    private final Ctp01Faults faults;
    private final ChronoTrackClient.SessionEvents events;
    private final RequestedOptions options = new RequestedOptions();
    private final Map<String, Integer> pushCursors = new LinkedHashMap<>();
    private final Map<String, Integer> pullCursors = new LinkedHashMap<>();
    private final Set<String> announced = new HashSet<>();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final Random garbage = new Random(61611);
    private final Runnable boxListener = this::eventsAvailable;

    private ChannelHandlerContext ctx;
    private TagLineWriter writer;
    private volatile State state = State.GREETING_SENT;
    private int optionLinesLeft;
    private boolean announcementsReleased;

    ClientSession(ChronoTrackBox box, ClientConfig config, Ctp01Faults faults,
                  ChronoTrackClient.SessionEvents events) {
        this.box = box;
        this.config = config;
        this.faults = faults;
        this.events = events;
    }

    boolean isReady() {
        return state == State.READY;
    }

    RequestedOptions options() {
        return options;
    }

    /** Something changed on the box: catch up on the event loop. Safe from any thread. */
    void eventsAvailable() {
        ChannelHandlerContext context = ctx;
        if (context != null && wakeScheduled.compareAndSet(false, true)) {
            try {
                context.executor().execute(() -> {
                    wakeScheduled.set(false);
                    announceLocations();
                    pump();
                });
            } catch (RejectedExecutionException shuttingDown) {
                // the client is closing; the box, fed from another thread, must not notice
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        events.connected(this, context.channel());
        writeLine(config.program() + "~" + config.version() + "~CTP01");
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        state = State.CLOSED;
        box.removeListener(boxListener);
        context.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            pump();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.warn("ChronoTrack simulator connection failed: {}", cause.toString());
        context.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, String line) {
        switch (state) {
            case GREETING_SENT -> onServerGreeting(line);
            case READING_OPTIONS -> {
                options.apply(line);
                if (--optionLinesLeft == 0) {
                    optionsComplete();
                }
            }
            case AUTHORIZING -> onAuthorizationReply(line);
            case READY -> onCommand(line);
            case CLOSED -> { }
        }
    }

    private void onServerGreeting(String line) {
        List<String> fields = split(line);
        String count = fields.get(fields.size() - 1);
        if (fields.size() < 3 || !count.matches("\\d{1,3}")) {
            LOG.warn("server greeting is not <program>~<version>~<N>: closing");
            close();
            return;
        }
        optionLinesLeft = Integer.parseInt(count);
        if (optionLinesLeft == 0) {
            optionsComplete();
        } else {
            state = State.READING_OPTIONS;
        }
    }

    private void optionsComplete() {
        options.warnings.forEach(warning -> LOG.warn("server request ignored: {}", warning));
        writer = new TagLineWriter(options.tagFormat, options.clockFormat, box, config.fractionDigits());
        if (options.authentication.equals("none")) {
            ready();
            return;
        }
        String password = faults.wrongPassword() ? config.password() + "-wrong" : config.password();
        state = State.AUTHORIZING;
        writeLine("authorize~" + config.userId() + "~"
                + ClientAuthentication.answer(options.authentication, password, options.authenticationSeed));
        ctx.flush();
    }

    private void onAuthorizationReply(String line) {
        if (line.equals("ack~authorize")) {
            ready();
        } else if (line.equals("err~authorize") || line.startsWith("err~authorize~")) {
            LOG.warn("server refused authorization: {}", line);
            events.authorizationRejected();
            close();
        } else {
            LOG.debug("ignoring line while waiting for the authorization answer");
        }
    }

    private void ready() {
        state = State.READY;
        announcementsReleased = !(options.connectionIdGate && options.newLocations);
        box.addListener(boxListener);
        events.ready();
        announceLocations();
    }

    private void onCommand(String line) {
        List<String> fields = split(line);
        switch (fields.get(0)) {
            case "getconnectionid" -> {
                reply("ack~getconnectionid~" + box.connectionId());
                if (!announcementsReleased) {
                    announcementsReleased = true;
                    announceLocations();
                }
            }
            case "getlocations" -> {
                StringBuilder answer = new StringBuilder("ack~getlocations");
                visibleLocations().forEach(location -> answer.append('~').append(location));
                reply(answer.toString());
            }
            case "geteventinfo" ->
                    reply("ack~geteventinfo~" + box.eventName() + "~" + box.eventId() + "~" + box.eventDescription());
            case "ping" -> reply("ack~ping");
            case "start" -> onStart(fields);
            case "stop" -> onStop(fields);
            case "getdata" -> onGetData(fields);
            default -> reply("err~~unknown command");
        }
    }

    private void onStart(List<String> fields) {
        if (!options.push) {
            reply("err~start~not in push mode");
            return;
        }
        if (fields.size() > 3) {
            reply("err~start~too many parameters");
            return;
        }
        List<String> visible = visibleLocations();
        if (fields.size() == 1) {
            visible.forEach(location -> pushCursors.put(location, 1));
            if (options.pushModeAck) {
                reply("ack~start");
            }
        } else {
            String location = fields.get(1);
            if (!visible.contains(location)) {
                reply("err~start~invalid location");
                return;
            }
            int from = fields.size() == 3 ? parseSequence(fields.get(2)) : 1;
            if (from < 1) {
                reply("err~start~invalid sequence number");
                return;
            }
            pushCursors.put(location, from);
            if (options.pushModeAck) {
                reply("ack~start~" + location);
            }
        }
        pump();
    }

    private void onStop(List<String> fields) {
        if (!options.push) {
            reply("err~stop~not in push mode");
            return;
        }
        if (fields.size() == 1) {
            pushCursors.clear();
            if (options.pushModeAck) {
                reply("ack~stop");
            }
            return;
        }
        String location = fields.get(1);
        if (fields.size() > 2 || !visibleLocations().contains(location)) {
            reply("err~stop~invalid location");
            return;
        }
        pushCursors.remove(location);
        if (options.pushModeAck) {
            reply("ack~stop~" + location);
        }
    }

    private void onGetData(List<String> fields) {
        if (options.push) {
            reply("err~getdata~not in pull mode");
            return;
        }
        if (fields.size() < 2 || fields.size() > 4) {
            reply("err~getdata~invalid parameters");
            return;
        }
        if (!fields.get(1).matches("\\d{1,6}")) {
            reply("err~getdata~invalid maxitems");
            return;
        }
        int max = Integer.parseInt(fields.get(1));
        Map<String, Integer> cursors = new LinkedHashMap<>();
        if (fields.size() >= 3) {
            String location = fields.get(2);
            if (!visibleLocations().contains(location)) {
                reply("err~getdata~invalid location");
                return;
            }
            if (fields.size() == 4) {
                int from = parseSequence(fields.get(3));
                if (from < 1) {
                    reply("err~getdata~invalid sequence number");
                    return;
                }
                pullCursors.put(location, from);
            }
            cursors.put(location, pullCursors.getOrDefault(location, 1));
        } else {
            visibleLocations().forEach(location -> cursors.put(location, pullCursors.getOrDefault(location, 1)));
        }
        List<String> lines = new ArrayList<>();
        for (BoxEvent event : box.pending(cursors, max)) {
            if (lines.size() >= max) {
                break;
            }
            String line = writer.event(event);
            lines.add(line);
            if (faults.duplicateLines() && lines.size() < max) {
                lines.add(line);
            }
            pullCursors.put(event.location(), event.sequence() + 1);
        }
        maybeGarbage();
        writeLine("ack~getdata~" + lines.size());
        for (String line : lines) {
            if (!writeTagLine(line, false)) {
                return;
            }
        }
        ctx.flush();
    }

    /** Writes pending push events of the started locations, as far as the socket takes them. */
    private void pump() {
        if (state != State.READY || !options.push || pushCursors.isEmpty() || faults.holdingBurst()) {
            return;
        }
        int written = 0;
        while (ctx.channel().isWritable()) {
            List<BoxEvent> batch = box.pending(pushCursors, PUSH_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (BoxEvent event : batch) {
                boolean skipped = event.kind() == BoxEvent.Kind.GUN_TIME && !options.gunTimes;
                if (!skipped && !writeTagLine(writer.event(event), faults.duplicateLines())) {
                    return;
                }
                pushCursors.put(event.location(), event.sequence() + 1);
            }
            written += batch.size();
            if (written >= PUSH_SLICE) {
                ctx.flush();
                eventsAvailable();
                return;
            }
        }
        ctx.flush();
    }

    private void announceLocations() {
        if (state != State.READY || !options.announcesNewLocations() || !announcementsReleased) {
            return;
        }
        boolean any = false;
        for (BoxLocation location : box.locations()) {
            if (announced.add(location.name())) {
                write(writer.newLocation(location, box.controllerId()));
                any = true;
            }
        }
        if (any) {
            ctx.flush();
        }
    }

    private List<String> visibleLocations() {
        List<String> names = new ArrayList<>();
        for (BoxLocation location : box.locations()) {
            names.add(location.name());
            if (!options.multiLocation) {
                break;
            }
        }
        return names;
    }

    /** Writes a tag event line with the faults switched on; false if the connection was cut. */
    private boolean writeTagLine(String line, boolean duplicate) {
        maybeGarbage();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (faults.takeDisconnectMidLine()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2));
            close();
            return false;
        }
        ctx.write(Unpooled.wrappedBuffer(bytes));
        if (duplicate) {
            ctx.write(Unpooled.wrappedBuffer(bytes));
        }
        return true;
    }

    private void maybeGarbage() {
        if (!faults.garbageLines()) {
            return;
        }
        switch (garbage.nextInt(4)) {
            case 0 -> write("%%garbage " + Long.toHexString(garbage.nextLong()) + CRLF);
            case 1 -> write("CT01_33~1~nowhere~1~00:00:00.00~0~NOTHEX~1" + CRLF);
            case 2 -> ctx.write(Unpooled.wrappedBuffer(new byte[] {'a', (byte) 0xC3, '(', (byte) 0xFF, '\r', '\n'}));
            default -> write(CRLF);
        }
    }

    private void reply(String line) {
        maybeGarbage();
        writeLine(line);
        ctx.flush();
    }

    private void writeLine(String line) {
        write(line + CRLF);
    }

    private void write(String text) {
        ctx.write(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private void close() {
        state = State.CLOSED;
        ctx.close();
    }

    private static int parseSequence(String text) {
        if (!text.matches("\\d{1,6}")) {
            return -1;
        }
        int sequence = Integer.parseInt(text);
        return sequence <= ChronoTrackBox.MAX_SEQUENCE ? sequence : -1;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '~') {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields;
    }
}
