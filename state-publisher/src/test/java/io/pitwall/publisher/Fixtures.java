package io.pitwall.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Timing71 documents for tests, from real recorded sessions (src/test/resources/timing71, taken from
 * the reference recordings with Last/Best typed {@code laptime} and a {@code lastUpdated} added, as
 * Pitwall's lap processor emits them), plus ways to derive the next state of a session.
 */
public final class Fixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** ELMS Portimão 2021, 40 cars. */
    public static final String ELMS = "elms-portimao";
    /** Le Mans 24 Hours 2021, 61 cars. */
    public static final String LM24 = "2021_lm24";

    private Fixtures() {
    }

    public static ObjectNode manifest(String session) {
        return (ObjectNode) read("timing71/" + session + "-manifest.json");
    }

    public static ObjectNode state(String session) {
        return (ObjectNode) read("timing71/" + session + "-state.json");
    }

    /** The manifest of a session re-labelled as another service. */
    public static ObjectNode manifest(String session, String uuid, String name) {
        ObjectNode m = manifest(session);
        m.put("uuid", uuid);
        m.put("name", name);
        return m;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column index of a colSpec entry by name. */
    public static int column(JsonNode manifest, String name) {
        JsonNode spec = manifest.path("colSpec");
        for (int i = 0; i < spec.size(); i++) {
            if (spec.get(i).path(0).asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /** A copy of {@code state} as it would be {@code seconds} later, with its own lastUpdated stamp. */
    public static ObjectNode advanced(ObjectNode state, double seconds, long lastUpdated) {
        ObjectNode next = state.deepCopy();
        ObjectNode session = (ObjectNode) next.path("session");
        session.put("timeElapsed", session.path("timeElapsed").asDouble() + seconds);
        session.put("timeRemain", session.path("timeRemain").asDouble() - seconds);
        next.put("lastUpdated", lastUpdated);
        next.set("highlight", MAPPER.createArrayNode());
        return next;
    }

    public static ObjectNode withFlag(ObjectNode state, String flag) {
        ObjectNode next = state.deepCopy();
        ((ObjectNode) next.path("session")).put("flagState", flag);
        return next;
    }

    /** Clears every timing flag ("pb", "sb", "old") so a test can add exactly the ones it checks. */
    public static ObjectNode withoutTimingFlags(ObjectNode state) {
        ObjectNode next = state.deepCopy();
        for (JsonNode car : next.path("cars")) {
            for (JsonNode cell : car) {
                if (cell.isArray() && cell.size() == 2) {
                    ((ArrayNode) cell).set(1, MAPPER.getNodeFactory().textNode(""));
                }
            }
        }
        return next;
    }

    /** Sets one cell of the car with {@code number} to {@code [value, flag]}. */
    public static ObjectNode withCell(ObjectNode state, JsonNode manifest, String number, String column,
                                      double value, String flag) {
        ObjectNode next = state.deepCopy();
        int num = column(manifest, "Num");
        int col = column(manifest, column);
        for (JsonNode car : next.path("cars")) {
            if (car.path(num).asText().equals(number)) {
                ArrayNode cell = MAPPER.createArrayNode().add(value).add(flag);
                ((ArrayNode) car).set(col, cell);
            }
        }
        return next;
    }

    /** One more lap for the car with {@code number}, with the given last lap time. */
    public static ObjectNode withLap(ObjectNode state, JsonNode manifest, String number, double lapTime) {
        ObjectNode next = state.deepCopy();
        int num = column(manifest, "Num");
        int laps = column(manifest, "Laps");
        int last = column(manifest, "Last");
        for (JsonNode car : next.path("cars")) {
            if (car.path(num).asText().equals(number)) {
                ((ArrayNode) car).set(laps, MAPPER.getNodeFactory().numberNode(car.path(laps).asInt() + 1));
                ((ArrayNode) car).set(last, MAPPER.createArrayNode().add(lapTime).add(""));
            }
        }
        return next;
    }

    /** A message added on top of the log, newest first, and the car highlighted. */
    public static ObjectNode withMessage(ObjectNode state, long timestamp, String category, String text,
                                         String style, String carNumber) {
        ObjectNode next = state.deepCopy();
        ArrayNode messages = MAPPER.createArrayNode();
        ArrayNode m = messages.addArray().add(timestamp).add(category).add(text).add(style);
        if (carNumber != null) {
            m.add(carNumber);
        }
        for (JsonNode old : next.path("messages")) {
            if (messages.size() < 100) {
                messages.add(old);
            }
        }
        next.set("messages", messages);
        ArrayNode highlight = MAPPER.createArrayNode();
        if (carNumber != null) {
            highlight.add(carNumber);
        }
        next.set("highlight", highlight);
        return next;
    }
}
