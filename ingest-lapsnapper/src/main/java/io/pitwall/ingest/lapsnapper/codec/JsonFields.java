package io.pitwall.ingest.lapsnapper.codec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed, path-aware access to one JSON object of a payload. Every failure is a {@link FieldException} naming the
 * field's path and what was expected, never the value, so errors cannot leak a PIN code.
 */
final class JsonFields {

    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonFields root(JsonNode object) {
        return new JsonFields(object, "");
    }

    int requireInt(String name) {
        JsonNode node = requireIntegral(name);
        if (!node.canConvertToInt()) {
            throw outOfRange(name, "a 32-bit integer");
        }
        return node.intValue();
    }

    long requireLong(String name) {
        JsonNode node = requireIntegral(name);
        if (!node.canConvertToLong()) {
            throw outOfRange(name, "a 64-bit integer");
        }
        return node.longValue();
    }

    /** An optional integer; JSON {@code null} counts as absent. */
    Integer optionalInt(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : requireInt(name);
    }

    boolean requireBoolean(String name) {
        JsonNode node = require(name);
        if (!node.isBoolean()) {
            throw wrongType(name, "a boolean", node);
        }
        return node.booleanValue();
    }

    String requireString(String name) {
        JsonNode node = require(name);
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        return checkedText(name, node.textValue());
    }

    /** An optional string; JSON {@code null} counts as absent. */
    String optionalString(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : requireString(name);
    }

    JsonFields requireObject(String name) {
        JsonNode node = require(name);
        if (!node.isObject()) {
            throw wrongType(name, "an object", node);
        }
        return new JsonFields(node, pathOf(name));
    }

    List<Integer> requireIntArray(String name) {
        JsonNode array = requireArray(name);
        List<Integer> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementName = name + "[" + i + "]";
            if (!element.isIntegralNumber()) {
                throw wrongType(elementName, "an integer", element);
            }
            if (!element.canConvertToInt()) {
                throw outOfRange(elementName, "a 32-bit integer");
            }
            values.add(element.intValue());
        }
        return values;
    }

    List<JsonFields> requireObjectArray(String name) {
        JsonNode array = requireArray(name);
        List<JsonFields> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementName = name + "[" + i + "]";
            if (!element.isObject()) {
                throw wrongType(elementName, "an object", element);
            }
            values.add(new JsonFields(element, pathOf(elementName)));
        }
        return values;
    }

    private JsonNode requireArray(String name) {
        JsonNode node = require(name);
        if (!node.isArray()) {
            throw wrongType(name, "an array", node);
        }
        return node;
    }

    private JsonNode requireIntegral(String name) {
        JsonNode node = require(name);
        if (!node.isIntegralNumber()) {
            throw wrongType(name, "an integer", node);
        }
        return node;
    }

    private JsonNode require(String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            throw new FieldException(DecodeError.Kind.MISSING_FIELD, "missing field " + pathOf(name));
        }
        return node;
    }

    // Jackson turns a JSON escape like "\ud800" into a lone surrogate, which no UTF-8 encoder downstream
    // (Avro, Kafka, our own encoder) can write. Reject it here, where we can still say which field it was.
    private String checkedText(String name, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FieldException(DecodeError.Kind.INVALID_UTF8,
                        "field " + pathOf(name) + " contains an unpaired UTF-16 surrogate escape");
            }
        }
        return text;
    }

    private FieldException wrongType(String name, String expected, JsonNode actual) {
        return new FieldException(DecodeError.Kind.WRONG_TYPE, "field " + pathOf(name) + " must be " + expected
                + ", was " + actual.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private FieldException outOfRange(String name, String expected) {
        return new FieldException(DecodeError.Kind.OUT_OF_RANGE,
                "field " + pathOf(name) + " does not fit " + expected);
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A payload that is valid JSON but not a valid message. Cheap: no stack trace, it never leaves the codec. */
    static final class FieldException extends RuntimeException {
        private final DecodeError.Kind kind;

        FieldException(DecodeError.Kind kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }

        DecodeError.Kind kind() {
            return kind;
        }
    }
}
