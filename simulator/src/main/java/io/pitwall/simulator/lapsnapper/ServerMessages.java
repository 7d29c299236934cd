package io.pitwall.simulator.lapsnapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * JSON payloads of the messages the server sends, compact and in the key order of the API document (Jackson's
 * object nodes keep insertion order).
 */
final class ServerMessages {

    static final int SERVER_INFO = 6001;
    static final int SERVER_INFO_FAILED = 6002;
    static final int HEARTBEAT = 6003;
    static final int DECODER_TIME = 6101;
    static final int DECODER_TIME_FAILED = 6102;
    static final int TIME_EVENT = 6110;
    static final int START_MATIC_STATUS = 6403;

    /** Not defined by API v5.20: what a newer server might send. */
    static final int UNKNOWN = 6999;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int productId;
    private final int serverVersion;

    ServerMessages(int productId, int serverVersion) {
        this.productId = productId;
        this.serverVersion = serverVersion;
    }

    byte[] serverInfo(LapSnapperSimulatorConfig.Decoder decoder, int systemState) {
        ObjectNode message = header(SERVER_INFO, productId);
        ObjectNode info = message.putObject("decoderInfo");
        info.put("productID", decoder.productId());
        info.put("versionNumber", decoder.versionNumber());
        info.put("deviceType", decoder.deviceType());
        info.put("deviceID", decoder.deviceId());
        info.put("decoderMode", decoder.decoderMode());
        info.put("decoderStatus", decoder.decoderStatus());
        message.put("systemState", systemState);
        return bytes(message);
    }

    byte[] serverInfoFailed(int status) {
        return bytes(header(SERVER_INFO_FAILED, productId).put("status", status));
    }

    byte[] heartbeat() {
        return bytes(header(HEARTBEAT, productId));
    }

    byte[] decoderTime(long decoderTimeMillis) {
        return bytes(header(DECODER_TIME, productId).put("decoderTime", decoderTimeMillis));
    }

    byte[] decoderTimeFailed() {
        return bytes(header(DECODER_TIME_FAILED, productId));
    }

    byte[] timeEvent(SentTimeEvent event) {
        ObjectNode message = header(TIME_EVENT, productId);
        message.put("transponderID", event.transponderId());
        message.put("transponderInstance", event.transponderInstance());
        if (event.transponderName() != null) {
            message.put("transponderName", event.transponderName());
        }
        ObjectNode time = message.putObject("absoluteTime");
        time.put("timeStampID", event.timeStampId());
        time.put("absoluteTime", event.absoluteTime());
        message.put("lapLine", event.lapLine());
        return bytes(message);
    }

    /**
     * The recorded trace shows the server's StartMatic status carrying the PIN code and the product id of the
     * client that started the session, so the simulator echoes both from the command it answers.
     */
    byte[] startMaticStatus(int echoedProductId, String pinCode, int status, long data, long data2) {
        ObjectNode message = header(START_MATIC_STATUS, echoedProductId);
        message.put("pinCode", pinCode);
        message.put("startMaticStatus", status);
        message.put("startMaticData", data);
        message.put("startMaticData2", data2);
        return bytes(message);
    }

    byte[] unknownMessage() {
        return bytes(header(UNKNOWN, productId).put("note", "a message id API v5.20 does not define"));
    }

    private ObjectNode header(int messageId, int headerProductId) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode header = message.putObject("messageHeader");
        header.put("messageID", messageId);
        header.put("lapSnapperProductID", headerProductId);
        header.put("serverVersion", serverVersion);
        return message;
    }

    private static byte[] bytes(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
