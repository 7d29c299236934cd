package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Garbage in, a precise decode error out; never an exception. */
class PduDecoderErrorsTest {

    static final String ENVELOPE = "{\"station\":\"S\",\"competition\":\"C\",\"signature\":\"\",\"sent\":\"2024-05-12T10:00:00Z\",\"data\":";

    final PduDecoder decoder = new PduDecoder();

    static String pdu(String data) {
        return ENVELOPE + data + "}";
    }

    static String passing(String... members) {
        String base = "\"event\":\"passing\",\"id\":\"7\",\"type\":\"Track-Finish\",\"round\":\"R\",\"time\":\"12:00:00.5\","
                + "\"transponder\":\"42\"";
        return pdu("{" + base + (members.length == 0 ? "" : "," + String.join(",", members)) + "}");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("not JSON at all", "hello", DecodeErrorKind.MALFORMED_JSON, "not valid JSON"),
                Arguments.of("cut off", ENVELOPE + "{\"event\":\"pass", DecodeErrorKind.MALFORMED_JSON, "not valid JSON"),
                Arguments.of("empty frame", "", DecodeErrorKind.NOT_AN_OBJECT, "not a JSON object"),
                Arguments.of("array", "[1,2]", DecodeErrorKind.NOT_AN_OBJECT, "not a JSON object"),
                Arguments.of("string", "\"bumb-1\"", DecodeErrorKind.NOT_AN_OBJECT, "not a JSON object"),
                Arguments.of("two PDUs in one frame", pdu("{\"event\":\"keepalive\"}") + pdu("{\"event\":\"keepalive\"}"),
                        DecodeErrorKind.TRAILING_DATA, "follows"),
                Arguments.of("data not an object", pdu("\"passing\""), DecodeErrorKind.NOT_AN_OBJECT, "data is not an object"),
                Arguments.of("no data", "{\"station\":\"S\",\"competition\":\"C\"}", DecodeErrorKind.MISSING_MEMBER, "data is missing"),
                Arguments.of("no station", "{\"competition\":\"C\",\"data\":{\"event\":\"keepalive\"}}",
                        DecodeErrorKind.MISSING_MEMBER, "station is missing"),
                Arguments.of("no competition", "{\"station\":\"S\",\"data\":{\"event\":\"keepalive\"}}",
                        DecodeErrorKind.MISSING_MEMBER, "competition is missing"),
                Arguments.of("no event", pdu("{\"id\":\"1\"}"), DecodeErrorKind.MISSING_MEMBER, "data.event is missing"),
                Arguments.of("passing without id", pdu("{\"event\":\"passing\",\"type\":\"T\",\"round\":\"R\",\"time\":\"12:00:00\",\"transponder\":\"1\"}"),
                        DecodeErrorKind.MISSING_MEMBER, "data.id is missing"),
                Arguments.of("passing without transponder", pdu("{\"event\":\"passing\",\"id\":\"1\",\"type\":\"T\",\"round\":\"R\",\"time\":\"12:00:00\"}"),
                        DecodeErrorKind.MISSING_MEMBER, "data.transponder is missing"),
                Arguments.of("passing without time", pdu("{\"event\":\"passing\",\"id\":\"1\",\"type\":\"T\",\"round\":\"R\",\"transponder\":\"1\"}"),
                        DecodeErrorKind.MISSING_MEMBER, "data.time is missing"),
                Arguments.of("passing without round", pdu("{\"event\":\"passing\",\"id\":\"1\",\"type\":\"T\",\"time\":\"12:00:00\",\"transponder\":\"1\"}"),
                        DecodeErrorKind.MISSING_MEMBER, "data.round is missing"),
                Arguments.of("connected without id", pdu("{\"event\":\"connected\",\"version\":\"1.2.30\"}"),
                        DecodeErrorKind.MISSING_MEMBER, "data.id is missing"),
                Arguments.of("numeric id", pdu("{\"event\":\"passing\",\"id\":70}"), DecodeErrorKind.NOT_A_STRING, "data.id is a number"),
                Arguments.of("null station", "{\"station\":null,\"competition\":\"C\",\"data\":{}}", DecodeErrorKind.NOT_A_STRING, "station is null"),
                Arguments.of("boolean hits", passing("\"hits\":true"), DecodeErrorKind.NOT_A_STRING, "data.hits is a boolean"),
                Arguments.of("object transponder", pdu("{\"event\":\"passing\",\"transponder\":{\"id\":1}}"),
                        DecodeErrorKind.NOT_A_STRING, "data.transponder is an object"),
                Arguments.of("array signature", "{\"station\":\"S\",\"competition\":\"C\",\"signature\":[],\"data\":{}}",
                        DecodeErrorKind.NOT_A_STRING, "signature is an array"),
                Arguments.of("unknown event", pdu("{\"event\":\"passed\",\"id\":\"1\"}"), DecodeErrorKind.UNKNOWN_EVENT, "'passed' is unknown"),
                Arguments.of("negative id", passing().replace("\"id\":\"7\"", "\"id\":\"-7\""), DecodeErrorKind.INVALID_ID, "'-7'"),
                Arguments.of("hex id", passing().replace("\"id\":\"7\"", "\"id\":\"0x7\""), DecodeErrorKind.INVALID_ID, "'0x7'"),
                Arguments.of("empty id", passing().replace("\"id\":\"7\"", "\"id\":\"\""), DecodeErrorKind.INVALID_ID, "''"),
                Arguments.of("id beyond a long", passing().replace("\"id\":\"7\"", "\"id\":\"9999999999999999999\""),
                        DecodeErrorKind.INVALID_ID, "not a non-negative decimal number"),
                Arguments.of("time in words", passing().replace("12:00:00.5", "noon"), DecodeErrorKind.INVALID_TIME, "data.time 'noon'"),
                Arguments.of("hour 25", passing().replace("12:00:00.5", "25:00:00"), DecodeErrorKind.INVALID_TIME, "data.time"),
                Arguments.of("February 30th", passing().replace("12:00:00.5", "2024-02-30T12:00:00Z"), DecodeErrorKind.INVALID_TIME, "data.time"),
                Arguments.of("bad tctime", passing("\"tctime\":\"later\""), DecodeErrorKind.INVALID_TIME, "data.tctime 'later'"),
                Arguments.of("bad sent", "{\"station\":\"S\",\"competition\":\"C\",\"sent\":\"yesterday\",\"data\":{\"event\":\"keepalive\"}}",
                        DecodeErrorKind.INVALID_TIME, "sent 'yesterday'"),
                Arguments.of("station twice", "{\"station\":\"A\",\"station\":\"B\",\"competition\":\"C\",\"data\":{\"event\":\"keepalive\"}}",
                        DecodeErrorKind.DUPLICATE_MEMBER, "'station' appears twice"),
                Arguments.of("data twice", pdu("{\"event\":\"keepalive\"},\"data\":{\"event\":\"keepalive\"}"),
                        DecodeErrorKind.DUPLICATE_MEMBER, "'data' appears twice"),
                Arguments.of("transponder twice", passing("\"transponder\":\"43\""), DecodeErrorKind.DUPLICATE_MEMBER,
                        "data.'transponder' appears twice"),
                Arguments.of("deeply nested junk", pdu("{\"event\":\"keepalive\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}"),
                        DecodeErrorKind.MALFORMED_JSON, "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithKindAndDetail(String what, String frame, DecodeErrorKind kind, String detail) {
        ChronoCloudInbound result = decoder.decode(frame);
        assertThat(result).as(what).isInstanceOf(PduDecodeError.class);
        PduDecodeError error = (PduDecodeError) result;
        assertThat(error.kind()).as(what).isEqualTo(kind);
        assertThat(error.detail()).as(what).contains(detail);
        assertThat(error.excerpt()).as(what).hasSizeLessThanOrEqualTo(PduDecodeError.EXCERPT_LENGTH * 6 + 3);
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] frame = pdu("{\"event\":\"keepalive\"}").getBytes(StandardCharsets.UTF_8);
        frame[3] = (byte) 0xC3;
        frame[4] = (byte) 0x28;
        PduDecodeError error = (PduDecodeError) decoder.decode(frame);
        assertThat(error.kind()).isEqualTo(DecodeErrorKind.MALFORMED_JSON);
        assertThat(error.excerpt()).startsWith("{\"").contains("\ufffd");
    }

    @Test
    void excerptIsShortPrintableAndCannotForgeLogLines() {
        String hostile = "{\"station\":\"S\n2024-05-12 WARN forged line\u001b[31m\u2028" + "x".repeat(500);
        PduDecodeError error = (PduDecodeError) decoder.decode(hostile);
        assertThat(error.excerpt()).doesNotContain("\n", "\u001b", "\u2028")
                .contains("\\n2024-05-12 WARN forged line\\u001b[31m\\u2028").endsWith("...");
        assertThat(error.excerpt().codePointCount(0, error.excerpt().length()))
                .isLessThanOrEqualTo(PduDecodeError.EXCERPT_LENGTH * 6 + 3);
        assertThat(error.toString()).startsWith("malformed_json: not valid JSON").doesNotContain("\n");
    }

    @Test
    void detailsQuoteOnlyAShortPrintablePartOfTheValue() {
        PduDecodeError error = (PduDecodeError) decoder.decode(pdu("{\"event\":\"\\n" + "z".repeat(5000) + "\"}"));
        assertThat(error.kind()).isEqualTo(DecodeErrorKind.UNKNOWN_EVENT);
        assertThat(error.detail()).hasSizeLessThan(100).doesNotContain("\n").contains("'\\nzzz");
    }

    @Test
    void optionalMembersMayBeAbsent() {
        ChronoCloudInbound keepalive = decoder.decode("{\"station\":\"S\",\"competition\":\"C\",\"data\":{\"event\":\"keepalive\"}}");
        assertThat(keepalive).isInstanceOfSatisfying(KeepalivePdu.class, k -> {
            assertThat(k.id()).isEmpty();
            assertThat(k.envelope().sent()).isEmpty();
            assertThat(k.envelope().signature().encoding()).isEqualTo(PduSignature.Encoding.NONE);
        });
        ChronoCloudInbound malfunction = decoder.decode(pdu("{\"event\":\"malfunction\"}"));
        assertThat(malfunction).isInstanceOfSatisfying(MalfunctionPdu.class, m -> assertThat(m.message()).isEmpty());
    }

    @Test
    void leadingZerosAreKeptForTheConfirmation() {
        PassingPdu pdu = (PassingPdu) decoder.decode(passing().replace("\"id\":\"7\"", "\"id\":\"007\""));
        assertThat(pdu.id().value()).isEqualTo(7);
        assertThat(Confirmation.bumb(pdu.id()).text()).isEqualTo("bumb-007");
    }
}
