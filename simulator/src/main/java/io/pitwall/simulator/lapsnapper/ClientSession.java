package io.pitwall.simulator.lapsnapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server side of one client connection: handshake, decoder time and remote control, as API v5.20 describes
 * them. A client that sends anything the server cannot use is disconnected (API 5.1 step 2c and
 * troubleshooting 5), which is how a real LapSnapper tells a client its encoder is wrong.
 */
final class ClientSession extends SimpleChannelInboundHandler<RawFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> TRACK_SETTINGS = List.of("minimumLapTimeEnabled", "minimumLapTime",
            "minimumSector1Time", "minimumSector2Time", "minimumSector3Time", "maximumLapTimeEnabled",
            "maximumLapTime");

    /** Every field the document lists for a client message, as paths; each must be present. */
    private static final Map<Integer, List<String>> REQUIRED = Map.of(
            6000, List.of("password"),
            6100, List.of(),
            6400, List.of("pinCode"),
            6401, List.of("pinCode"),
            6402, concat(List.of("pinCode", "sessionParameters.sessionType", "sessionParameters.triggerLineCount",
                    "sessionParameters.startLine", "sessionParameters.stopType", "sessionParameters.stopValue",
                    "sessionParameters.continuousSession", "sessionParameters.personalStoppingCriteria",
                    "sessionParameters.resultsAreOrderedAgainstTotalTime",
                    "sessionParameters.sessionStopStartsWhenLeaderReachesStopValue"), prefixed("trackSettings.")),
            6403, List.of("pinCode", "startMaticStatus", "startMaticData", "startMaticData2"),
            6404, List.of("pinCode", "sessionInformation.sessionName", "sessionInformation.allTranspondersActive",
                    "sessionInformation.driverInformation"),
            6405, concat(List.of("pinCode"), prefixed("trackSettings.")));

    private final LapSnapperSimulator simulator;
    private boolean handshaken;

    ClientSession(LapSnapperSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RawFrame frame) {
        int id = frame.messageId();
        if (!REQUIRED.containsKey(id)) {
            reject(ctx, frame, CommandOutcome.UNEXPECTED_MESSAGE);
            return;
        }
        JsonNode json = parse(frame);
        if (json == null || !REQUIRED.get(id).stream().allMatch(path -> present(json, path))) {
            reject(ctx, frame, CommandOutcome.MALFORMED);
            return;
        }
        if (id == 6000) {
            handshake(ctx, frame, json);
        } else if (!handshaken) {
            reject(ctx, frame, CommandOutcome.NOT_HANDSHAKEN);
        } else if (id == 6100) {
            simulator.record(frame, CommandOutcome.ACCEPTED);
            simulator.answerDecoderTime(ctx.channel());
        } else {
            remoteControl(ctx, frame, json);
        }
    }

    private void handshake(ChannelHandlerContext ctx, RawFrame frame, JsonNode json) {
        LapSnapperSimulatorConfig config = simulator.config();
        if (json.path("messageHeader").path("serverVersion").asLong() != config.serverVersion()) {
            simulator.record(frame, CommandOutcome.UNSUPPORTED_VERSION);
            simulator.sendServerInfoFailed(ctx.channel());
            return;
        }
        if (!passwordMatches(json.get("password"), config.password())) {
            simulator.record(frame, CommandOutcome.WRONG_PASSWORD);
            if (config.wrongPassword() == LapSnapperSimulatorConfig.WrongPasswordBehaviour.DISCONNECT) {
                ctx.close();
            } else {
                simulator.sendServerInfoFailed(ctx.channel());
            }
            return;
        }
        simulator.record(frame, CommandOutcome.ACCEPTED);
        handshaken = true;
        simulator.completeHandshake(ctx.channel());
    }

    private void remoteControl(ChannelHandlerContext ctx, RawFrame frame, JsonNode json) {
        JsonNode pin = json.get("pinCode");
        if (!pin.isTextual() || !pin.textValue().equals(simulator.config().pinCode())) {
            simulator.record(frame, CommandOutcome.WRONG_PIN);
            if (simulator.config().wrongPin() == LapSnapperSimulatorConfig.WrongPinBehaviour.DISCONNECT) {
                ctx.close();
            }
            return;
        }
        simulator.record(frame, CommandOutcome.ACCEPTED);
        simulator.applyRemoteControl(frame.messageId(), json);
    }

    private void reject(ChannelHandlerContext ctx, RawFrame frame, CommandOutcome outcome) {
        LOG.info("disconnecting {}: frame {} of {} bytes is {}", ctx.channel().remoteAddress(), frame.messageId(),
                frame.bytes().length, outcome);
        simulator.record(frame, outcome);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static JsonNode parse(RawFrame frame) {
        try {
            JsonNode json = JSON.readTree(frame.payload());
            JsonNode header = json == null ? null : json.get("messageHeader");
            boolean valid = json != null && json.isObject() && header != null && header.isObject()
                    && header.path("messageID").isIntegralNumber()
                    && header.path("messageID").asInt() == frame.messageId()
                    && header.path("lapSnapperProductID").isIntegralNumber()
                    && header.path("serverVersion").isIntegralNumber();
            return valid ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean present(JsonNode json, String path) {
        JsonNode node = json;
        for (String name : path.split("\\.")) {
            node = node.get(name);
            if (node == null || node.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static boolean passwordMatches(JsonNode sent, List<Integer> expected) {
        if (!sent.isArray() || sent.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!sent.get(i).isIntegralNumber() || sent.get(i).asLong() != expected.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> prefixed(String prefix) {
        return TRACK_SETTINGS.stream().map(prefix::concat).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
