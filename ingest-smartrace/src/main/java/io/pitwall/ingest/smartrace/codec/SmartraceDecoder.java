package io.pitwall.ingest.smartrace.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pitwall.ingest.smartrace.codec.DecodeError.Kind;
import io.pitwall.ingest.smartrace.codec.SensorMessage.AnalogLap;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ApiVersionRequest;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ControllerSet;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitEnter;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitLeave;
import io.pitwall.ingest.smartrace.codec.SensorMessage.RaceControl;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the text of one WebSocket frame from a sensor. Never throws for any input: whatever is not a
 * valid sensor message comes back as a {@link DecodeError}. Thread-safe.
 *
 * <p>Parsing is bounded (nesting depth, string and number lengths) on top of the frame size limit the
 * WebSocket layer enforces, and strict where ambiguity could hide a fault: duplicate keys and trailing
 * content are errors.
 */
public final class SmartraceDecoder {

    /** Longest {@code controller_set} id kept; real ones are one character. */
    static final int MAX_CONTROLLER_SET_ID = 16;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(40)
                            .maxStringLength(16_384)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Decodes one frame's text. */
    public Inbound decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return DecodeError.of(Kind.INVALID_JSON, "not valid JSON", text);
        }
        if (root == null || root.isMissingNode()) {
            return DecodeError.of(Kind.INVALID_JSON, "empty frame", text);
        }
        if (!root.isObject()) {
            return DecodeError.of(Kind.NOT_AN_OBJECT, "a message must be a JSON object", text);
        }
        JsonNode type = root.get("type");
        if (type == null || type.isNull()) {
            return DecodeError.of(Kind.MISSING_TYPE, "no \"type\"", text);
        }
        if (!type.isTextual()) {
            return DecodeError.of(Kind.WRONG_FIELD_TYPE, "\"type\" must be a string", text);
        }
        return new Fields(text, root.get("data")).decode(type.textValue());
    }

    /** Reads the {@code data} of one message; each accessor reports the first problem it finds. */
    private static final class Fields {
        private final String text;
        private final JsonNode data;

        Fields(String text, JsonNode data) {
            this.text = text;
            this.data = data;
        }

        Inbound decode(String type) {
            try {
                return switch (type) {
                    // the request carries no data; a sensor that sends some is not at fault
                    case "api_version" -> new ApiVersionRequest();
                    case "controller_set" -> new ControllerSet(controllerSetId());
                    case "analog_lap" -> new AnalogLap(controllerId(), requiredTimestamp());
                    case "analog_pit_enter" -> new PitEnter(controllerId(), optionalTimestamp());
                    case "analog_pit_leave" -> new PitLeave(controllerId(), optionalTimestamp());
                    case "race_control" -> new RaceControl(raceControlCommand());
                    default -> DecodeError.of(Kind.UNKNOWN_TYPE, "unknown type '" + DecodeError.excerptOf(type) + "'", text);
                };
            } catch (Invalid invalid) {
                return DecodeError.of(invalid.kind, type + ": " + invalid.getMessage(), text);
            }
        }

        private JsonNode object() {
            if (data == null || data.isNull()) {
                throw new Invalid(Kind.MISSING_FIELD, "no \"data\"");
            }
            if (!data.isObject()) {
                throw new Invalid(Kind.WRONG_FIELD_TYPE, "\"data\" must be an object");
            }
            return data;
        }

        private String controllerSetId() {
            JsonNode id = present(object(), "controller_id");
            if (!id.isTextual()) {
                throw new Invalid(Kind.WRONG_FIELD_TYPE, "controller_id must be a string");
            }
            String value = id.textValue();
            if (value.isEmpty() || value.length() > MAX_CONTROLLER_SET_ID) {
                throw new Invalid(Kind.OUT_OF_RANGE, "controller_id must have 1 to " + MAX_CONTROLLER_SET_ID + " characters");
            }
            return value;
        }

        private int controllerId() {
            JsonNode id = present(object(), "controller_id");
            if (!id.isIntegralNumber()) {
                throw new Invalid(Kind.WRONG_FIELD_TYPE, "controller_id must be an integer");
            }
            if (!id.canConvertToInt() || id.intValue() < SensorMessage.MIN_CONTROLLER
                    || id.intValue() > SensorMessage.MAX_CONTROLLER) {
                throw new Invalid(Kind.OUT_OF_RANGE, "controller_id must be from " + SensorMessage.MIN_CONTROLLER
                        + " to " + SensorMessage.MAX_CONTROLLER);
            }
            return id.intValue();
        }

        private long requiredTimestamp() {
            return timestamp(present(object(), "timestamp"));
        }

        private OptionalLong optionalTimestamp() {
            JsonNode value = object().get("timestamp");
            return value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(timestamp(value));
        }

        private static long timestamp(JsonNode value) {
            if (!value.isIntegralNumber()) {
                throw new Invalid(Kind.WRONG_FIELD_TYPE, "timestamp must be an integer");
            }
            if (!value.canConvertToLong() || value.longValue() < 0) {
                throw new Invalid(Kind.OUT_OF_RANGE, "timestamp must be a non-negative 64-bit integer");
            }
            return value.longValue();
        }

        private RaceControlCommand raceControlCommand() {
            JsonNode value;
            if (data != null && data.isTextual()) {
                value = data;
            } else {
                value = present(object(), "value");
            }
            if (!value.isTextual()) {
                throw new Invalid(Kind.WRONG_FIELD_TYPE, "the race control value must be a string");
            }
            Optional<RaceControlCommand> command = RaceControlCommand.fromWire(value.textValue());
            return command.orElseThrow(() -> new Invalid(Kind.UNKNOWN_VALUE,
                    "unknown race control value '" + DecodeError.excerptOf(value.textValue()) + "'"));
        }

        private static JsonNode present(JsonNode object, String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                throw new Invalid(Kind.MISSING_FIELD, "no \"" + field + "\"");
            }
            return value;
        }
    }

    /** Control flow inside one decode; never escapes it. No stack trace: garbage is expected input. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Kind kind;

        Invalid(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
