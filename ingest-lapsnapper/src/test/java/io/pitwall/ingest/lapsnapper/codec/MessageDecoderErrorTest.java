package io.pitwall.ingest.lapsnapper.codec;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.pitwall.ingest.lapsnapper.codec.TestFrames.concat;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.decodeError;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad content inside an intact frame is a {@link DecodeError} value, and the stream goes on. */
class MessageDecoderErrorTest {

    private static final String HEADER_6001 =
            "\"messageHeader\":{\"messageID\":6001,\"lapSnapperProductID\":60,\"serverVersion\":520000}";
    private static final String DECODER_INFO =
            "\"decoderInfo\":{\"productID\":1,\"versionNumber\":510,\"deviceType\":2,\"deviceID\":%s,"
                    + "\"decoderMode\":1,\"decoderStatus\":1}";

    private static String serverInfo(String deviceId) {
        return "{" + HEADER_6001 + "," + DECODER_INFO.formatted(deviceId) + ",\"systemState\":0}";
    }

    private static String timeEvent(String timeStampId) {
        return "{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,\"serverVersion\":520000},"
                + "\"transponderID\":10003,\"transponderInstance\":1,\"absoluteTime\":{\"timeStampID\":"
                + timeStampId + ",\"absoluteTime\":1607504803361},\"lapLine\":1}";
    }

    @Test
    void aGarbageFrameIsAnErrorAndTheNextFrameStillDecodes() {
        EmbeddedChannel channel = TestFrames.decodingChannel();
        TestFrames.feed(channel, concat(frame(6110, "this is not json"), frame(6001, serverInfo("10022"))));

        List<Object> out = TestFrames.drainInbound(channel);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(DecodeError.class, e -> {
            assertThat(e.kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
            assertThat(e.messageId()).isEqualTo(6110);
            assertThat(e.payloadLength()).isEqualTo(16);
            assertThat(e.excerpt()).isEqualTo("this is not json");
        });
        assertThat(out.get(1)).isInstanceOf(ServerInfo.class);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aJsonArrayIsNotAMessage() {
        DecodeError e = decodeError(frame(6003, "[1,2,3]"));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.NOT_AN_OBJECT);
        assertThat(e.detail()).contains("was array");
    }

    @Test
    void aJsonScalarIsNotAMessage() {
        assertThat(decodeError(frame(6003, "42")).kind()).isEqualTo(DecodeError.Kind.NOT_AN_OBJECT);
        assertThat(decodeError(frame(6003, "null")).kind()).isEqualTo(DecodeError.Kind.NOT_AN_OBJECT);
    }

    @Test
    void anUnknownMessageIdIsReportedWithAnExcerpt() {
        String json = "{\"messageHeader\":{\"messageID\":6999,\"lapSnapperProductID\":60,\"serverVersion\":520000}}";
        DecodeError e = decodeError(frame(6999, json));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.UNKNOWN_MESSAGE_ID);
        assertThat(e.messageId()).isEqualTo(6999);
        assertThat(e.excerpt()).isEqualTo(json);
    }

    @Test
    void aStringWhereAnIntegerBelongsIsAWrongTypeNamingTheField() {
        DecodeError e = decodeError(frame(6001, serverInfo("\"abc\"")));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.WRONG_TYPE);
        assertThat(e.detail()).isEqualTo("field decoderInfo.deviceID must be an integer, was string");
    }

    @Test
    void aFractionWhereAnIntegerBelongsIsAWrongType() {
        assertThat(decodeError(frame(6001, serverInfo("1.5"))).kind()).isEqualTo(DecodeError.Kind.WRONG_TYPE);
        assertThat(decodeError(frame(6001, serverInfo("1e400"))).kind()).isEqualTo(DecodeError.Kind.WRONG_TYPE);
    }

    @Test
    void anIntegerTooLargeForItsFieldIsOutOfRange() {
        DecodeError intField = decodeError(frame(6001, serverInfo("2147483648")));
        DecodeError longField = decodeError(frame(6110, timeEvent("99999999999999999999999999")));

        assertThat(intField.kind()).isEqualTo(DecodeError.Kind.OUT_OF_RANGE);
        assertThat(intField.detail()).contains("decoderInfo.deviceID");
        assertThat(longField.kind()).isEqualTo(DecodeError.Kind.OUT_OF_RANGE);
        assertThat(longField.detail()).contains("absoluteTime.timeStampID");
    }

    @Test
    void aNumberLongerThanTheParserAllowsIsMalformed() {
        DecodeError e = decodeError(frame(6110, timeEvent("9".repeat(5000))));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
        assertThat(e.excerpt()).hasSizeLessThanOrEqualTo(DecodeError.MAX_EXCERPT_LENGTH);
    }

    @Test
    void theLargestValuesOfEachTypeAreAccepted() {
        List<Object> out = TestFrames.decodeAll(frame(6110, timeEvent(String.valueOf(Long.MAX_VALUE))));

        assertThat(out).singleElement().isInstanceOfSatisfying(TimeEvent.class,
                t -> assertThat(t.absoluteTime().timeStampId()).isEqualTo(Long.MAX_VALUE));
        assertThat(TestFrames.decodeAll(frame(6001, serverInfo("-2147483648")))).singleElement()
                .isInstanceOfSatisfying(ServerInfo.class,
                        s -> assertThat(s.decoderInfo().deviceId()).isEqualTo(Integer.MIN_VALUE));
    }

    @Test
    void aMissingFieldIsNamed() {
        String json = "{" + HEADER_6001 + ",\"systemState\":0}";
        DecodeError e = decodeError(frame(6001, json));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.MISSING_FIELD);
        assertThat(e.detail()).isEqualTo("missing field decoderInfo");
    }

    @Test
    void aMissingHeaderIsAMissingField() {
        DecodeError e = decodeError(frame(6003, "{}"));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.MISSING_FIELD);
        assertThat(e.detail()).isEqualTo("missing field messageHeader");
    }

    @Test
    void aHeaderIdThatDisagreesWithTheFrameIdIsReported() {
        String heartbeat = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000}}";
        DecodeError e = decodeError(frame(6102, heartbeat));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.HEADER_ID_MISMATCH);
        assertThat(e.messageId()).isEqualTo(6102);
        assertThat(e.detail()).isEqualTo("messageHeader.messageID 6003 disagrees with frame id 6102");
    }

    @Test
    void invalidUtf8IsItsOwnKind() {
        byte[] payload = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000},\"x\":\"?\"}"
                .getBytes(StandardCharsets.US_ASCII);
        payload[payload.length - 3] = (byte) 0xC3; // a lead byte followed by '"' instead of a continuation byte
        DecodeError e = decodeError(frame(6003, payload));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.INVALID_UTF8);
        assertThat(e.excerpt()).contains("\uFFFD");
    }

    @Test
    void overlongUtf8IsRejected() {
        // 0xC0 0xAF is an overlong '/', a classic filter bypass; strict decoding must refuse it.
        byte[] payload = concat("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(decodeError(frame(6003, payload)).kind()).isEqualTo(DecodeError.Kind.INVALID_UTF8);
    }

    @Test
    void utf16TextIsNotMistakenForJson() {
        byte[] utf16 = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000}}"
                .getBytes(StandardCharsets.UTF_16LE);
        assertThat(decodeError(frame(6003, utf16)).kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
    }

    @Test
    void anEscapedLoneSurrogateInAStringIsRejected() {
        String json = "{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,\"serverVersion\":520000},"
                + "\"transponderID\":1,\"transponderInstance\":1,\"transponderName\":\"\\ud800\","
                + "\"absoluteTime\":{\"timeStampID\":1,\"absoluteTime\":1},\"lapLine\":1}";
        DecodeError e = decodeError(frame(6110, json));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.INVALID_UTF8);
        assertThat(e.detail()).contains("transponderName");
    }

    @Test
    void trailingDataAfterTheObjectIsMalformed() {
        String heartbeat = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000}}";
        assertThat(decodeError(frame(6003, heartbeat + "{}")).kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
        assertThat(TestFrames.decodeAll(frame(6003, heartbeat + " \r\n"))).singleElement().isInstanceOf(Heartbeat.class);
    }

    @Test
    void aDuplicateKeyIsMalformedBecauseItsMeaningIsAmbiguous() {
        String json = "{\"messageHeader\":{\"messageID\":6400,\"lapSnapperProductID\":60,\"serverVersion\":520000},"
                + "\"pinCode\":\"1234\",\"pinCode\":\"9999\"}";
        DecodeError e = decodeError(frame(6400, json));

        assertThat(e.kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
        assertThat(e.detail()).doesNotContain("9999", "1234");
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String json = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(decodeError(frame(6003, json)).kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
    }

    @Test
    void whitespaceOnlyIsMalformed() {
        assertThat(decodeError(frame(6003, "   ")).kind()).isEqualTo(DecodeError.Kind.MALFORMED_JSON);
    }

    @Test
    void unknownExtraFieldsAreIgnoredForForwardCompatibility() {
        String json = "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":520000,"
                + "\"future\":true},\"alsoNew\":[1,{\"x\":null}]}";
        assertThat(TestFrames.decodeAll(frame(6003, json))).containsExactly(new Heartbeat(new MessageHeader(60, 520_000)));
    }

    @Test
    void optionalTimeEventFieldsMayBeNullOrAbsent() {
        String json = "{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,\"serverVersion\":520000},"
                + "\"transponderID\":7,\"transponderInstance\":1,\"transponderName\":null,"
                + "\"absoluteTime\":{\"timeStampID\":3,\"absoluteTime\":4}}";
        assertThat(TestFrames.decodeAll(frame(6110, json))).containsExactly(
                new TimeEvent(new MessageHeader(60, 520_000), 7, 1, null, new AbsoluteTime(3, 4), null));
    }

    @Test
    void secretsNeverAppearInErrors() {
        String badStart = "{\"messageHeader\":{\"messageID\":6402,\"lapSnapperProductID\":1000000,\"serverVersion\":520000},"
                + "\"pinCode\":\"8642\",\"sessionParameters\":{\"sessionType\":\"race\"}}";
        String badHello = "{\"messageHeader\":{\"messageID\":6000,\"lapSnapperProductID\":1000000,\"serverVersion\":520000},"
                + "\"password\":[9,7,5,3],\"extra\":oops}";
        String unquotedPin = "{\"pinCode\":8642x}";

        for (String json : List.of(badStart, badHello, unquotedPin)) {
            for (int id : List.of(6402, 6000, 6999)) {
                DecodeError e = decodeError(frame(id, json));
                assertThat(e.toString()).doesNotContain("8642", "9,7,5,3");
            }
        }
        assertThat(decodeError(frame(6402, badStart)).excerpt()).contains("\"pinCode\":***");
    }

    @Test
    void excerptsAreShortAndPrintable() {
        String json = "{\"note\":\"" + "x\u0001".repeat(200) + "\"}";
        DecodeError e = decodeError(frame(6999, json));

        assertThat(e.excerpt()).hasSize(DecodeError.MAX_EXCERPT_LENGTH).endsWith("…").doesNotContain("\u0001");
    }
}
