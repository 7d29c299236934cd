package io.pitwall.processor.timing71;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One entry of the Timing71 message log: {@code [timestamp, category, text, style, carNum]}.
 *
 * @param timestampMillis milliseconds since the epoch (the newest Timing71 client library's unit)
 * @param style           display class ("pit", "out", "pb", "sb", "yellow"...), null for none
 * @param carNumber       the car concerned, null for track messages (then the tuple has four elements)
 */
public record Timing71Message(long timestampMillis, String category, String text, String style, String carNumber) {

    /** Reads a tuple written by {@link #write}. */
    public static Timing71Message fromJson(com.fasterxml.jackson.databind.JsonNode tuple) {
        return new Timing71Message(tuple.get(0).asLong(), tuple.get(1).asText(), tuple.get(2).asText(),
                tuple.get(3).isNull() ? null : tuple.get(3).asText(), tuple.size() > 4 ? tuple.get(4).asText() : null);
    }

    /** Writes the tuple {@code [timestamp, category, text, style|null(, car)]} as Timing71 has it. */
    public void write(JsonGenerator json) throws IOException {
        json.writeStartArray();
        json.writeNumber(timestampMillis);
        json.writeString(category);
        json.writeString(text);
        if (style == null) {
            json.writeNull();
        } else {
            json.writeString(style);
        }
        if (carNumber != null) {
            json.writeString(carNumber);
        }
        json.writeEndArray();
    }

    /** The tuple as a JSON tree (the replay export builds its frames from trees). */
    public com.fasterxml.jackson.databind.node.ArrayNode toJson() {
        try {
            return (com.fasterxml.jackson.databind.node.ArrayNode) Timing71Json.MAPPER.readTree(toJsonText());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read back a Timing71 message", e);
        }
    }

    /** The tuple as JSON text (how the message log is stored). */
    public String toJsonText() {
        try (java.io.StringWriter text = new java.io.StringWriter();
             JsonGenerator json = Timing71Json.MAPPER.getFactory().createGenerator(text)) {
            write(json);
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write a Timing71 message", e);
        }
    }
}
