package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.processor.timing71.Timing71Service;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a Timing71 replay ZIP the way a replay viewer does, written independently of the exporter: keyframes are
 * taken as they are, intra frames are applied to the state before them (dictdiffer patch semantics, checking each
 * "change" and "remove" against the value it claims to replace), new messages go on top of the log.
 */
public final class ReplayReader {

    /** Decimals read as written (0.000 stays 0.000), so frames compare equal to rendered states. */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(Timing71Json.NODES);

    static final Pattern FRAME = Pattern.compile("(\\d{11})(i?)\\.json");

    public record Frame(long timestamp, boolean keyframe, JsonNode content) {
    }

    public final JsonNode manifest;
    public final List<String> entryNames = new ArrayList<>();
    public final List<Frame> frames = new ArrayList<>();

    public ReplayReader(byte[] zip) throws IOException {
        JsonNode manifestNode = null;
        Map<Long, Frame> byTime = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entryNames.add(entry.getName());
                JsonNode json = JSON.readTree(in.readAllBytes());
                if (entry.getName().equals("manifest.json")) {
                    manifestNode = json;
                    continue;
                }
                Matcher m = FRAME.matcher(entry.getName());
                if (!m.matches()) {
                    throw new IllegalStateException("unexpected entry " + entry.getName());
                }
                long timestamp = Long.parseLong(m.group(1));
                if (byTime.put(timestamp, new Frame(timestamp, m.group(2).isEmpty(), json)) != null) {
                    throw new IllegalStateException("two frames for second " + timestamp);
                }
            }
        }
        this.manifest = manifestNode;
        frames.addAll(byTime.values());
    }

    /** The full state at every frame, in time order. */
    public List<ObjectNode> states() {
        List<ObjectNode> states = new ArrayList<>();
        ObjectNode state = null;
        for (Frame frame : frames) {
            if (frame.keyframe()) {
                state = (ObjectNode) frame.content().deepCopy();
            } else {
                if (state == null) {
                    throw new IllegalStateException("intra frame " + frame.timestamp() + " before any keyframe");
                }
                state = state.deepCopy();
                state.set("cars", patch(state.get("cars"), frame.content().get("cars")));
                state.set("session", patch(state.get("session"), frame.content().get("session")));
                ArrayNode messages = Timing71Json.NODES.arrayNode();
                frame.content().get("messages").forEach(messages::add);
                state.get("messages").forEach(messages::add);
                while (messages.size() > Timing71Service.MAX_MESSAGES) {
                    messages.remove(messages.size() - 1);
                }
                state.set("messages", messages);
                state.set("highlight", frame.content().get("highlight"));
                state.put("lastUpdated", frame.timestamp() * 1000);
            }
            states.add(state);
        }
        return states;
    }

    /** Applies a dictdiffer diff to a copy of {@code document}. */
    public static JsonNode patch(JsonNode document, JsonNode diff) {
        JsonNode root = document.deepCopy();
        for (JsonNode op : diff) {
            String action = op.get(0).asText();
            List<Object> path = path(op.get(1));
            JsonNode changes = op.get(2);
            switch (action) {
                case "change" -> {
                    if (path.isEmpty()) {
                        if (!JsonDiff.sameValue(root, changes.get(0))) {
                            throw new IllegalStateException("change of the root expects " + changes.get(0));
                        }
                        root = changes.get(1).deepCopy();
                        continue;
                    }
                    JsonNode parent = at(root, path.subList(0, path.size() - 1));
                    Object key = path.get(path.size() - 1);
                    JsonNode old = child(parent, key);
                    if (!JsonDiff.sameValue(old, changes.get(0))) {
                        throw new IllegalStateException("change at " + path + " expects " + changes.get(0)
                                + " but finds " + old);
                    }
                    set(parent, key, changes.get(1));
                }
                case "add" -> {
                    JsonNode node = at(root, path);
                    for (JsonNode pair : changes) {
                        if (node.isArray()) {
                            ((ArrayNode) node).insert(pair.get(0).asInt(), pair.get(1));
                        } else {
                            ((ObjectNode) node).set(pair.get(0).asText(), pair.get(1));
                        }
                    }
                }
                case "remove" -> {
                    JsonNode node = at(root, path);
                    for (JsonNode pair : changes) {
                        JsonNode removed = node.isArray() ? ((ArrayNode) node).remove(pair.get(0).asInt())
                                : ((ObjectNode) node).remove(pair.get(0).asText());
                        if (removed == null || !removed.equals(pair.get(1))) {
                            throw new IllegalStateException("remove at " + path + " of " + pair + " finds " + removed);
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown action " + action);
            }
        }
        return root;
    }

    private static List<Object> path(JsonNode path) {
        List<Object> steps = new ArrayList<>();
        if (path.isTextual()) {
            if (!path.asText().isEmpty()) {
                steps.addAll(List.of((Object[]) path.asText().split("\\.")));
            }
        } else {
            path.forEach(step -> steps.add(step.isInt() ? (Object) step.asInt() : step.asText()));
        }
        return steps;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = child(node, step);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, Object key) {
        JsonNode child = key instanceof Integer i ? node.get(i) : node.get((String) key);
        if (child == null) {
            throw new IllegalStateException("no " + key + " in " + node);
        }
        return child;
    }

    private static void set(JsonNode parent, Object key, JsonNode value) {
        if (key instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) key, value);
        }
    }
}
