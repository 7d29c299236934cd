package io.pitwall.processor.timing71;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One entry of the Timing71 message log: {@code [timestamp, category, text, style, carNum]}.
 *
 * @param timestampMillis milliseconds since the epoch (the newest Timing71 client library's unit)
 * @param style           display class ("pit", "out", "pb", "sb", "yellow"...), null for none
 * @param carNumber       the car concerned, null for track messages (then the tuple has four elements)
 */
public record Timing71Message(long timestampMillis, String category, String text, String style, String carNumber) {

    /** Reads a tuple written by {@link #toJson}. */
    public static Timing71Message fromJson(com.fasterxml.jackson.databind.JsonNode tuple) {
        return new Timing71Message(tuple.get(0).asLong(), tuple.get(1).asText(), tuple.get(2).asText(),
                tuple.get(3).isNull() ? null : tuple.get(3).asText(), tuple.size() > 4 ? tuple.get(4).asText() : null);
    }

    public ArrayNode toJson(JsonNodeFactory json) {
        ArrayNode tuple = json.arrayNode();
        tuple.add(timestampMillis).add(category).add(text);
        if (style == null) {
            tuple.addNull();
        } else {
            tuple.add(style);
        }
        if (carNumber != null) {
            tuple.add(carNumber);
        }
        return tuple;
    }
}
