package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.ctp01.codec.Ctp01DecodeError.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ctp01LineParserTest {

    private static final String GOOD = "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1";
    private final Ctp01LineParser parser =
            new Ctp01LineParser(TimeFormat.NORMAL, new VenueClock(ZoneOffset.UTC, LocalDate.of(2024, 6, 1)));

    private Ctp01DecodeError error(String line) {
        Ctp01Inbound parsed = parser.parse(line);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(Ctp01DecodeError.class);
        return (Ctp01DecodeError) parsed;
    }

    private TagObservation observation(String line) {
        Ctp01Inbound parsed = parser.parse(line);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(TagObservation.class);
        return (TagObservation) parsed;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38 | MISSING_FIELDS",
            "CT01_33~1~start | MISSING_FIELDS",
            "CT01_33 | MISSING_FIELDS",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1~extra | EXTRA_FIELDS",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1~ | EXTRA_FIELDS",
            "CT01_33~x~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~0~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~1000000~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~-1~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~+1~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~1.0~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~99999999999~start~9478~08:29:10.29~0~0F2A38~1 | INVALID_SEQUENCE",
            "CT01_33~1~abcdefghijklmnopq~9478~08:29:10.29~0~0F2A38~1 | INVALID_LOCATION",
            "CT01_33~1~~9478~08:29:10.29~0~0F2A38~1 | INVALID_LOCATION",
            "CT01_33~1~   ~9478~08:29:10.29~0~0F2A38~1 | INVALID_LOCATION",
            "CT01_33~1~start~123456789~08:29:10.29~0~0F2A38~1 | INVALID_TAG",
            "CT01_33~1~start~~08:29:10.29~0~0F2A38~1 | INVALID_TAG",
            "CT01_33~1~start~94 78~08:29:10.29~0~0F2A38~1 | INVALID_TAG",
            "CT01_33~1~start~9478~8.29.10~0~0F2A38~1 | INVALID_TIME",
            "CT01_33~1~start~9478~~0~0F2A38~1 | INVALID_TIME",
            "CT01_33~1~start~9478~1224165735.31~0~0F2A38~1 | INVALID_TIME",
            "CT01_33~1~start~9478~08:29:10.29~x~0F2A38~1 | INVALID_LAP_COUNT",
            "CT01_33~1~start~9478~08:29:10.29~~0F2A38~1 | INVALID_LAP_COUNT",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A3G~1 | INVALID_READER_ID",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A3~1 | INVALID_READER_ID",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A380~1 | INVALID_READER_ID",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~100 | INVALID_GATOR",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~ | INVALID_GATOR",
            "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~a | INVALID_GATOR",
            "CT02_33~1~start~9478~08:29:10.29~0~0F2A38~1 | UNSUPPORTED_FORMAT",
            "CT01_31~1~start~9478~08:29:10.29~0~0F2A38~1 | UNSUPPORTED_FORMAT",
            "CT01_63~1~start~9478~08:29:10.29~0~0F2A38~1 | UNSUPPORTED_FORMAT",
            "CT01_33,1,start,9478,08:29:10.29,0,0F2A38,1 | UNSUPPORTED_FORMAT",
            "CT01_13~1~start~9478~08:29:10.29~0~0F2A38~1 | UNSUPPORTED_FORMAT",
            "hello | UNKNOWN_MESSAGE",
            "GET / HTTP/1.1 | UNKNOWN_MESSAGE",
            "getdata~50 | UNKNOWN_MESSAGE",
            "ack~authorize | UNKNOWN_MESSAGE",
            "ack~frobnicate~1 | UNKNOWN_MESSAGE",
            "SimpleClient~0.5.0~CTP02 | UNSUPPORTED_PROTOCOL",
            "SimpleClient~CTP01 | UNKNOWN_MESSAGE",
            "SimpleClient~0.5.0~CTP01~x | UNKNOWN_MESSAGE",
            "ack | MALFORMED_REPLY",
            "err | MALFORMED_REPLY",
            "authorize~user | MALFORMED_REPLY",
            "authorize~~secret | MALFORMED_REPLY",
            "ack~getconnectionid | MALFORMED_REPLY",
            "ack~getconnectionid~a~b | MALFORMED_REPLY",
            "ack~getdata | MALFORMED_REPLY",
            "ack~getdata~-1 | MALFORMED_REPLY",
            "ack~getdata~three | MALFORMED_REPLY",
            "ack~getlocations~start~~finish | INVALID_LOCATION",
            "ack~getlocations~abcdefghijklmnopq | INVALID_LOCATION",
            "ack~start~finish~12 | EXTRA_FIELDS"
    })
    void malformedLinesAreDecodeErrorsOfTheRightKind(String line, Kind kind) {
        assertThat(error(line).kind()).isEqualTo(kind);
    }

    @Test
    void emptyLine() {
        assertThat(error("").kind()).isEqualTo(Kind.EMPTY_LINE);
    }

    @Test
    void controlCharactersInsideALineAreRejected() {
        assertThat(error(GOOD.replace("start", "st\rart")).kind()).isEqualTo(Kind.CONTROL_CHARACTER);
        assertThat(error("ack~ping\u0000").kind()).isEqualTo(Kind.CONTROL_CHARACTER);
        assertThat(error("ack~getlocations~a\tb").kind()).isEqualTo(Kind.CONTROL_CHARACTER);
    }

    @Test
    void boundariesThatAreStillValid() {
        TagObservation max = observation("CT01_33~999999~abcdefghijklmnop~ABCDEFGH~08:29:10.29~123~abcdef~99");
        assertThat(max.sequence()).isEqualTo(999_999);
        assertThat(max.location()).isEqualTo("abcdefghijklmnop");
        assertThat(max.tag()).isEqualTo("ABCDEFGH");
        assertThat(max.lapCount()).isEqualTo(123);
        assertThat(max.gator()).isEqualTo(99);
        assertThat(observation("CT01_33~000001~start~1~08:29:10.29~0~0F2A38~01").sequence()).isEqualTo(1);
    }

    @Test
    void readerIdsAreUpperCasedSoOneSegmentHasOneIdentity() {
        assertThat(observation("CT01_33~1~start~9478~08:29:10.29~0~0f2a38~1").readerId()).isEqualTo("0F2A38");
    }

    @Test
    void locationsMayBeAnyUnicodeUpToSixteenCharacters() {
        TagObservation read = observation("CT01_33~1~Zielgerade Süd~9478~08:29:10.29~0~0F2A38~1");
        assertThat(read.location()).isEqualTo("Zielgerade Süd");
        assertThat(observation("CT01_33~1~🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁🏁~9~08:29:10.29~0~0F2A38~1").location())
                .hasSize(32);
    }

    @Test
    void everySeparatorOfTheFormatIndicatorIsRead() {
        Instant time = Instant.parse("2024-06-01T08:29:10.290Z");
        for (String line : List.of("CT01_13,1,start,9478,08:29:10.29,0,0F2A38,1",
                "CT01_23;1;start;9478;08:29:10.29;0;0F2A38;1",
                "CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1",
                "CT01_43|1|start|9478|08:29:10.29|0|0F2A38|1",
                "CT01_53\t1\tstart\t9478\t08:29:10.29\t0\t0F2A38\t1",
                "CT01_32~1~start~9478~08:29:10.29~0~0F2A38~1")) {
            TagObservation read = observation(line);
            assertThat(read.format().code()).isEqualTo(line.substring(0, 7));
            assertThat(read.tag()).isEqualTo("9478");
            assertThat(read.time()).isEqualTo(time);
        }
    }

    @Test
    void aLocationThatCouldNeverBeNamedInACommandIsRefused() {
        // '~' is an ordinary character in a CT01_13 line, but start~sta~rt could not address it
        assertThat(error("CT01_13,1,sta~rt,9478,08:29:10.29,0,0F2A38,1").kind()).isEqualTo(Kind.INVALID_LOCATION);
        assertThat(observation("CT01_13,1,start,a~b,08:29:10.29,0,0F2A38,1").tag()).isEqualTo("a~b");
    }

    @Test
    void gunTimeAndNewLocationKeepTheControllerId() {
        assertThat(parser.parse("CT01_33~4~start~guntime~07:45:01.01~0~df239a~0"))
                .isEqualTo(new GunTime(TagEventFormat.CT01_33, 4, "start", Instant.parse("2024-06-01T07:45:01.010Z"),
                        "07:45:01.01", "DF239A"));
        assertThat(error("CT01_33~4~start~guntime~07:45:01.01~0~XX239A~0").kind()).isEqualTo(Kind.INVALID_READER_ID);
        assertThat(error("CT01_33~2038~30k~newlocation~09:15:21~0~ED932A~").kind()).isEqualTo(Kind.INVALID_GATOR);
    }

    @Test
    void theTimeIsReadOnlyInTheRequestedFormat() {
        Ctp01LineParser unix = new Ctp01LineParser(TimeFormat.UNIX, null);
        TagObservation read = (TagObservation) unix.parse("CT01_33~7~finish~12~1224165735.31~2~0FA22E~4");
        assertThat(read.time()).isEqualTo(Instant.parse("2008-10-16T14:02:15.310Z"));
        assertThat(read.rawTime()).isEqualTo("1224165735.31");
        Ctp01DecodeError wrong = (Ctp01DecodeError) unix.parse(GOOD);
        assertThat(wrong.kind()).isEqualTo(Kind.INVALID_TIME);
        assertThat(wrong.detail()).contains("unix");
    }

    @Test
    void repliesWithOptionalParts() {
        assertThat(parser.parse("ack~getlocations")).isEqualTo(new Ctp01Reply.LocationsAck(List.of()));
        assertThat(parser.parse("ack~getlocations~")).isEqualTo(new Ctp01Reply.LocationsAck(List.of()));
        assertThat(parser.parse("ack~geteventinfo")).isEqualTo(new Ctp01Reply.EventInfoAck("", "", ""));
        assertThat(parser.parse("ack~geteventinfo~~~")).isEqualTo(new Ctp01Reply.EventInfoAck("", "", ""));
        assertThat(parser.parse("ack~geteventinfo~LA08~12~Marathon ~ Half"))
                .isEqualTo(new Ctp01Reply.EventInfoAck("LA08", "12", "Marathon ~ Half"));
        assertThat(parser.parse("ack~stop")).isEqualTo(new Ctp01Reply.StopAck(Optional.empty()));
        assertThat(parser.parse("ack~ping~1224165735")).isEqualTo(new Ctp01Reply.PingAck());
        assertThat(parser.parse("err~getdata")).isEqualTo(new Ctp01Reply.ErrorReply("getdata", ""));
        assertThat(parser.parse("err~getdata~bad ~ worse"))
                .isEqualTo(new Ctp01Reply.ErrorReply("getdata", "bad ~ worse"));
        assertThat(parser.parse("ack~getdata~000")).isEqualTo(new Ctp01Reply.GetDataAck(0));
    }

    @Test
    void aPlaintextPasswordMayContainTheSeparator() {
        assertThat(parser.parse("authorize~timer~pa~ss")).isEqualTo(new AuthorizeRequest("timer", "pa~ss"));
        assertThat(parser.parse("authorize~timer~")).isEqualTo(new AuthorizeRequest("timer", ""));
    }

    @Test
    void greetingsWithUnusualButValidNames() {
        assertThat(parser.parse("ChronoTrack Pro~v2.1 (beta)~CTP01"))
                .isEqualTo(new ClientGreeting("ChronoTrack Pro", "v2.1 (beta)"));
        assertThat(parser.parse("SimpleClient~~CTP01")).isEqualTo(new ClientGreeting("SimpleClient", ""));
    }

    @Test
    void invalidUtf8IsRejectedNotRepaired() {
        byte[] line = "CT01_33~1~Zielgerade S\u00fcd~9478~08:29:10.29~0~0F2A38~1".getBytes(StandardCharsets.ISO_8859_1);
        Ctp01DecodeError rejected = (Ctp01DecodeError) parser.parse(line);
        assertThat(rejected.kind()).isEqualTo(Kind.INVALID_ENCODING);
        assertThat(rejected.excerpt()).startsWith("CT01_33~1~Zielgerade S");
        assertThat(((Ctp01DecodeError) parser.parse(new byte[] {(byte) 0xC0, (byte) 0x80})).kind())
                .as("overlong encoding of NUL").isEqualTo(Kind.INVALID_ENCODING);
        assertThat(((Ctp01DecodeError) parser.parse(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).kind())
                .as("UTF-16 surrogate").isEqualTo(Kind.INVALID_ENCODING);
        assertThat(parser.parse(GOOD.getBytes(StandardCharsets.UTF_8))).isInstanceOf(TagObservation.class);
    }

    @Test
    void excerptsNeverContainTheAuthenticationString() {
        String secret = "hunter2-very-secret";
        for (String line : List.of("authorize~TimersRus~" + secret, "authorize~" + secret,
                "AUTHORIZE~TimersRus~" + secret + "~more", "garbage authorize~TimersRus~" + secret,
                "authorize~TimersRus~" + secret + "\r")) {
            Ctp01Inbound parsed = parser.parse(line);
            String shown = parsed instanceof Ctp01DecodeError e ? e.excerpt() : parsed.toString();
            assertThat(shown).as(line).doesNotContain(secret).doesNotContain("hunter");
        }
        assertThat(Ctp01LineParser.excerpt("authorize~TimersRus~" + secret)).isEqualTo("authorize~TimersRus~<redacted>");
    }

    @Test
    void excerptsAreShortAndPrintable() {
        String excerpt = error("x".repeat(500) + "\u0001").excerpt();
        assertThat(excerpt).hasSizeLessThanOrEqualTo(61).endsWith("…");
        assertThat(Ctp01LineParser.excerpt("a\rb\u0000c\td")).isEqualTo("a\\rb\\x00c\\td");
    }
}
