package io.pitwall.ingest.smartrace.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.smartrace.codec.DecodeError.Kind;
import io.pitwall.ingest.smartrace.codec.SensorMessage.AnalogLap;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ApiVersionRequest;
import io.pitwall.ingest.smartrace.codec.SensorMessage.ControllerSet;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitEnter;
import io.pitwall.ingest.smartrace.codec.SensorMessage.PitLeave;
import io.pitwall.ingest.smartrace.codec.SensorMessage.RaceControl;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartraceDecoderTest {

    final SmartraceDecoder decoder = new SmartraceDecoder();

    @Test
    void decodesEverySensorMessageOfTheRecordedExchange() {
        List<Inbound> decoded = RecordedMessages.fromSensor(RecordedMessages.DOCUMENT).stream().map(decoder::decode).toList();

        assertThat(decoded).containsExactly(
                new ApiVersionRequest(),
                new ControllerSet("Z"),
                new AnalogLap(2, 1722773108999L),
                new AnalogLap(1, 1722773109119L),
                new PitEnter(2, OptionalLong.empty()),
                new PitLeave(2, OptionalLong.empty()));
    }

    @Test
    void decodesTheMessagesTheProtocolNotesDescribe() {
        List<Inbound> decoded = RecordedMessages.fromSensor(RecordedMessages.NOTES).stream().map(decoder::decode).toList();

        assertThat(decoded).containsExactly(
                new ControllerSet("X"),
                new ControllerSet("3"),
                new RaceControl(RaceControlCommand.START),
                new RaceControl(RaceControlCommand.STOP),
                new RaceControl(RaceControlCommand.VSC),
                new RaceControl(RaceControlCommand.ESC),
                new AnalogLap(4, 1_073_741_000L),
                new AnalogLap(5, 4_294_967_000L));
    }

    @Test
    void serverMessagesAreNotSensorMessages() {
        for (String text : RecordedMessages.fromServer(RecordedMessages.DOCUMENT)) {
            Inbound decoded = decoder.decode(text);
            // api_version from the server has the same type as the sensor's request: the data is ignored
            if (!text.contains("\"api_version\":7")) {
                assertThat(decoded).as(text).isInstanceOfSatisfying(DecodeError.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_TYPE));
            }
        }
    }

    @Test
    void acceptsSpacingKeyOrderAndExtraFields() {
        assertThat(decoder.decode("\n { \"data\" : {\"controller_id\" :3 ,\"timestamp\": 17 , \"extra\": [1,2]}, \"type\":\"analog_lap\",\"v\":1}\t"))
                .isEqualTo(new AnalogLap(3, 17));
        assertThat(decoder.decode("{\"type\":\"api_version\",\"data\":null}")).isEqualTo(new ApiVersionRequest());
        assertThat(decoder.decode("{\"type\":\"analog_pit_leave\",\"data\":{\"controller_id\":6,\"timestamp\":99}}"))
                .isEqualTo(new PitLeave(6, OptionalLong.of(99)));
        assertThat(decoder.decode("{\"type\":\"race_control\",\"data\":\"VSC\"}"))
                .isEqualTo(new RaceControl(RaceControlCommand.VSC));
        assertThat(decoder.decode("{\"type\":\"analog_lap\",\"data\":{\"timestamp\":0,\"controller_id\":255}}"))
                .isEqualTo(new AnalogLap(255, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                         | {type:analog_lap}                                                        | INVALID_JSON",
        "empty                            | ``                                                                       | INVALID_JSON",
        "truncated                        | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1                       | INVALID_JSON",
        "trailing garbage                 | {\"type\":\"api_version\"} x                                              | INVALID_JSON",
        "two objects                      | {\"type\":\"api_version\"}{\"type\":\"api_version\"}                     | INVALID_JSON",
        "duplicate key                    | {\"type\":\"api_version\",\"type\":\"analog_lap\"}                       | INVALID_JSON",
        "array                            | [{\"type\":\"api_version\"}]                                              | NOT_AN_OBJECT",
        "string                           | \"api_version\"                                                          | NOT_AN_OBJECT",
        "no type                          | {\"data\":{}}                                                            | MISSING_TYPE",
        "null type                        | {\"type\":null}                                                          | MISSING_TYPE",
        "numeric type                     | {\"type\":7}                                                             | WRONG_FIELD_TYPE",
        "unknown type                     | {\"type\":\"digital_lap\",\"data\":{}}                                    | UNKNOWN_TYPE",
        "lap without data                 | {\"type\":\"analog_lap\"}                                                | MISSING_FIELD",
        "lap with array data              | {\"type\":\"analog_lap\",\"data\":[1,2]}                                 | WRONG_FIELD_TYPE",
        "lap without timestamp            | {\"type\":\"analog_lap\",\"data\":{\"controller_id\":1}}                  | MISSING_FIELD",
        "lap without controller           | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1}}                      | MISSING_FIELD",
        "controller as string             | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1,\"controller_id\":\"1\"}} | WRONG_FIELD_TYPE",
        "controller as float              | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1,\"controller_id\":1.5}}   | WRONG_FIELD_TYPE",
        "controller zero                  | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1,\"controller_id\":0}}     | OUT_OF_RANGE",
        "controller too high              | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1,\"controller_id\":256}}   | OUT_OF_RANGE",
        "controller huge                  | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1,\"controller_id\":99999999999}} | OUT_OF_RANGE",
        "timestamp as string              | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":\"1\",\"controller_id\":1}} | WRONG_FIELD_TYPE",
        "timestamp as float               | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":1.0,\"controller_id\":1}}   | WRONG_FIELD_TYPE",
        "negative timestamp               | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":-5,\"controller_id\":1}}    | OUT_OF_RANGE",
        "timestamp over 64 bits           | {\"type\":\"analog_lap\",\"data\":{\"timestamp\":99999999999999999999,\"controller_id\":1}} | OUT_OF_RANGE",
        "pit timestamp as string          | {\"type\":\"analog_pit_enter\",\"data\":{\"controller_id\":1,\"timestamp\":\"x\"}} | WRONG_FIELD_TYPE",
        "controller_set numeric           | {\"type\":\"controller_set\",\"data\":{\"controller_id\":1}}              | WRONG_FIELD_TYPE",
        "controller_set empty             | {\"type\":\"controller_set\",\"data\":{\"controller_id\":\"\"}}           | OUT_OF_RANGE",
        "controller_set too long          | {\"type\":\"controller_set\",\"data\":{\"controller_id\":\"ZZZZZZZZZZZZZZZZZ\"}} | OUT_OF_RANGE",
        "race control unknown             | {\"type\":\"race_control\",\"data\":{\"value\":\"pause\"}}               | UNKNOWN_VALUE",
        "race control numeric             | {\"type\":\"race_control\",\"data\":{\"value\":1}}                       | WRONG_FIELD_TYPE",
        "race control without value       | {\"type\":\"race_control\",\"data\":{}}                                  | MISSING_FIELD",
    })
    void reportsMalformedInputAsTypedErrors(String name, String text, Kind kind) {
        assertThat(decoder.decode(text == null ? "" : text)).isInstanceOfSatisfying(DecodeError.class,
                error -> assertThat(error.kind()).isEqualTo(kind));
    }

    @Test
    void refusesDeepNestingAndHugeStringsWithoutFailing() {
        String deep = "{\"type\":\"api_version\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(decoder.decode(deep)).isInstanceOfSatisfying(DecodeError.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_JSON));
        String huge = "{\"type\":\"" + "x".repeat(100_000) + "\"}";
        assertThat(decoder.decode(huge)).isInstanceOf(DecodeError.class);
    }

    @Test
    void errorExcerptsAreShortAndPrintable() {
        DecodeError error = (DecodeError) decoder.decode("{\"type\":\"\\u0000\\u001b[31mred\\u0007" + "y".repeat(200) + "\"}");

        assertThat(error.kind()).isEqualTo(Kind.UNKNOWN_TYPE);
        assertThat(error.excerpt()).hasSizeLessThanOrEqualTo(DecodeError.MAX_EXCERPT + 3).endsWith("...");
        assertThat(error.excerpt().chars().noneMatch(Character::isISOControl)).isTrue();
        assertThat(error.detail().chars().noneMatch(Character::isISOControl)).isTrue();
        assertThat(error.toString()).startsWith("unknown_type: ");
    }
}
