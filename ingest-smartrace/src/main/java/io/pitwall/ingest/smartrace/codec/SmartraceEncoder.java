package io.pitwall.ingest.smartrace.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ApiVersion;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerInfo;
import io.pitwall.ingest.smartrace.codec.ServerMessage.EventStatusUpdate;
import io.pitwall.ingest.smartrace.codec.ServerMessage.Reset;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ServerInfo;
import io.pitwall.ingest.smartrace.codec.ServerMessage.VscStatusUpdate;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Encodes server messages as compact JSON with the key order Smartrace itself uses ({@code type} before
 * {@code data}; {@code color}, {@code backgroundColor}, {@code driver}, {@code car}), so a sensor that
 * was only ever tested against Smartrace sees familiar text. Thread-safe.
 */
public final class SmartraceEncoder {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public String encode(ServerMessage message) {
        ObjectNode root = JSON.createObjectNode();
        if (message instanceof ControllerData data) {
            root.put("type", "update_controller_data");
            ObjectNode controllers = root.putObject("data");
            for (Map.Entry<String, ControllerInfo> entry : data.controllers().entrySet()) {
                ControllerInfo info = entry.getValue();
                ObjectNode node = controllers.putObject(entry.getKey());
                node.put("color", info.color());
                node.put("backgroundColor", info.backgroundColor());
                node.put("driver", info.driver());
                if (info.car() != null) {
                    node.put("car", info.car());
                }
            }
        } else if (message instanceof ServerInfo info) {
            root.put("type", "update_server_info");
            root.putObject("data").put("is_subscribed", info.subscribed());
        } else if (message instanceof ApiVersion version) {
            root.put("type", "api_version");
            root.putObject("data").put("api_version", version.version());
        } else if (message instanceof EventStatusUpdate update) {
            root.put("type", "update_event_status");
            root.put("data", update.status().wire());
        } else if (message instanceof VscStatusUpdate update) {
            root.put("type", "update_vsc_status");
            root.put("data", update.status().wire());
        } else if (message instanceof Reset) {
            root.put("type", "reset");
        } else {
            throw new IllegalArgumentException("Unknown server message " + message);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot encode " + message, e); // a tree of strings always encodes
        }
    }
}
