package io.pitwall.ingest.lapsnapper.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns one frame's id and JSON payload into a {@link LapSnapperMessage}, or says precisely why not. */
final class MessageReader {

    private MessageReader() {
    }

    static DecodeResult read(int frameId, ByteBuf payload) {
        Optional<MessageId> id = MessageId.fromCode(frameId);
        if (id.isEmpty()) {
            return error(DecodeError.Kind.UNKNOWN_MESSAGE_ID, frameId, payload,
                    "message id " + frameId + " is not defined by LapSnapper API v5.20");
        }
        if (!payload.isReadable()) {
            return error(DecodeError.Kind.EMPTY_PAYLOAD, frameId, payload, "frame has an empty payload");
        }
        String text;
        try {
            text = strictUtf8(payload);
        } catch (CharacterCodingException e) {
            return error(DecodeError.Kind.INVALID_UTF8, frameId, payload, "payload is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = LapSnapperJson.MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            return error(DecodeError.Kind.MALFORMED_JSON, frameId, payload, "payload exceeds the JSON parser limits");
        } catch (JsonProcessingException e) {
            return error(DecodeError.Kind.MALFORMED_JSON, frameId, payload, describe(e));
        }
        if (root == null || root.isMissingNode()) {
            return error(DecodeError.Kind.MALFORMED_JSON, frameId, payload, "payload holds no JSON value");
        }
        if (!root.isObject()) {
            return error(DecodeError.Kind.NOT_AN_OBJECT, frameId, payload,
                    "payload must be a JSON object, was " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        try {
            return read(id.get(), JsonFields.root(root));
        } catch (JsonFields.FieldException e) {
            return error(e.kind(), frameId, payload, e.getMessage());
        }
    }

    // Decoding to a String first, instead of handing Jackson the bytes, keeps Jackson from guessing UTF-16/32
    // from NUL bytes and lets us report bad UTF-8 as its own kind.
    private static String strictUtf8(ByteBuf payload) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = payload.nioBufferCount() == 1
                ? payload.nioBuffer(payload.readerIndex(), payload.readableBytes())
                : ByteBuffer.wrap(ByteBufUtil.getBytes(payload));
        CharBuffer chars = decoder.decode(bytes);
        return chars.toString();
    }

    // Jackson's own message quotes the offending token, which could be a PIN typed without quotes; keep only
    // the position.
    private static String describe(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "payload is not well-formed JSON";
        }
        return "payload is not well-formed JSON (error at character " + e.getLocation().getCharOffset() + ")";
    }

    private static DecodeError error(DecodeError.Kind kind, int frameId, ByteBuf payload, String detail) {
        return new DecodeError(kind, frameId, payload.readableBytes(), detail, Redaction.excerpt(payload));
    }

    private static LapSnapperMessage read(MessageId id, JsonFields root) {
        MessageHeader header = header(id, root.requireObject("messageHeader"));
        return switch (id) {
            case SERVER_INFO_REQUEST -> new ServerInfoRequest(header, root.requireIntArray("password"));
            case SERVER_INFO -> new ServerInfo(header, decoderInfo(root.requireObject("decoderInfo")),
                    root.requireInt("systemState"));
            case SERVER_INFO_FAILED -> new ServerInfoFailed(header, root.requireInt("status"));
            case HEARTBEAT -> new Heartbeat(header);
            case GET_DECODER_TIME -> new GetDecoderTime(header);
            case DECODER_TIME -> new DecoderTime(header, root.requireLong("decoderTime"));
            case DECODER_TIME_FAILED -> new DecoderTimeFailed(header);
            case TIME_EVENT -> timeEvent(header, root);
            case STOP_SESSION -> new StopSession(header, root.requireString("pinCode"));
            case EXIT_SESSION -> new ExitSession(header, root.requireString("pinCode"));
            case START_SESSION -> new StartSession(header, root.requireString("pinCode"),
                    sessionParameters(root.requireObject("sessionParameters")),
                    trackSettings(root.requireObject("trackSettings")));
            case START_MATIC_STATUS -> new StartMaticStatus(header, root.requireString("pinCode"),
                    root.requireInt("startMaticStatus"), root.requireLong("startMaticData"),
                    root.requireLong("startMaticData2"));
            case SESSION_INFORMATION -> sessionInformation(header, root);
            case RACE_TRACK_SETTINGS -> new RaceTrackSettings(header, root.requireString("pinCode"),
                    trackSettings(root.requireObject("trackSettings")));
        };
    }

    private static MessageHeader header(MessageId id, JsonFields header) {
        int declared = header.requireInt("messageID");
        if (declared != id.code()) {
            throw new JsonFields.FieldException(DecodeError.Kind.HEADER_ID_MISMATCH,
                    "messageHeader.messageID " + declared + " disagrees with frame id " + id.code());
        }
        return new MessageHeader(header.requireInt("lapSnapperProductID"), header.requireInt("serverVersion"));
    }

    private static DecoderInfo decoderInfo(JsonFields info) {
        return new DecoderInfo(info.requireInt("productID"), info.requireInt("versionNumber"),
                info.requireInt("deviceType"), info.requireInt("deviceID"), info.requireInt("decoderMode"),
                info.requireInt("decoderStatus"));
    }

    private static TimeEvent timeEvent(MessageHeader header, JsonFields root) {
        JsonFields time = root.requireObject("absoluteTime");
        return new TimeEvent(header, root.requireInt("transponderID"), root.requireInt("transponderInstance"),
                root.optionalString("transponderName"),
                new AbsoluteTime(time.requireLong("timeStampID"), time.requireLong("absoluteTime")),
                root.optionalInt("lapLine"));
    }

    private static SessionParameters sessionParameters(JsonFields p) {
        return new SessionParameters(p.requireInt("sessionType"), p.requireInt("triggerLineCount"),
                p.requireInt("startLine"), p.requireInt("stopType"), p.requireInt("stopValue"),
                p.requireBoolean("continuousSession"), p.requireBoolean("personalStoppingCriteria"),
                p.requireBoolean("resultsAreOrderedAgainstTotalTime"),
                p.requireBoolean("sessionStopStartsWhenLeaderReachesStopValue"));
    }

    private static TrackSettings trackSettings(JsonFields t) {
        return new TrackSettings(t.requireBoolean("minimumLapTimeEnabled"), t.requireInt("minimumLapTime"),
                t.requireInt("minimumSector1Time"), t.requireInt("minimumSector2Time"),
                t.requireInt("minimumSector3Time"), t.requireBoolean("maximumLapTimeEnabled"),
                t.requireInt("maximumLapTime"));
    }

    private static SessionInformation sessionInformation(MessageHeader header, JsonFields root) {
        String pinCode = root.requireString("pinCode");
        JsonFields info = root.requireObject("sessionInformation");
        List<DriverInformation> drivers = new ArrayList<>();
        for (JsonFields driver : info.requireObjectArray("driverInformation")) {
            JsonFields transponder = driver.requireObject("transponderID");
            drivers.add(new DriverInformation(driver.requireInt("driverNumber"), driver.requireString("driverName"),
                    new TransponderKey(transponder.requireInt("transponderID"),
                            transponder.requireInt("transponderInstance")),
                    driver.requireBoolean("transponderEnabled")));
        }
        return new SessionInformation(header, pinCode, info.requireString("sessionName"),
                info.requireBoolean("allTranspondersActive"), drivers);
    }
}
