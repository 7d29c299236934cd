package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every example line of the CTP01 document (rev 7) and of the project's protocol notes, copied
 * here so the build does not depend on the documents.
 */
class Ctp01SpecExamplesTest {

    private static final VenueClock UTC_EVENT_DAY = new VenueClock(ZoneOffset.UTC, LocalDate.of(2008, 10, 16));
    private final Ctp01LineParser parser = new Ctp01LineParser(TimeFormat.NORMAL, UTC_EVENT_DAY);

    private static Instant utc(String isoInstant) {
        return Instant.parse(isoInstant);
    }

    // ---- client to server ----

    @Test
    void clientGreetingFromTheNotes() {
        assertThat(parser.parse("SimpleClient~0.5.0~CTP01")).isEqualTo(new ClientGreeting("SimpleClient", "0.5.0"));
    }

    @Test
    void authorizeExample() {
        Ctp01Inbound parsed = parser.parse("authorize~TimersRus~b617318655057264e28bc0b6fb378c8ef146be00");
        assertThat(parsed).isEqualTo(new AuthorizeRequest("TimersRus", "b617318655057264e28bc0b6fb378c8ef146be00"));
        assertThat(parsed.toString()).doesNotContain("b617318655057264e28bc0b6fb378c8ef146be00");
    }

    @Test
    void errorReplyExamples() {
        assertThat(parser.parse("err~~unknown command")).isEqualTo(new Ctp01Reply.ErrorReply("", "unknown command"));
        assertThat(parser.parse("err~getdata~invalid location"))
                .isEqualTo(new Ctp01Reply.ErrorReply("getdata", "invalid location"));
        assertThat(parser.parse("err~stop~error message details"))
                .isEqualTo(new Ctp01Reply.ErrorReply("stop", "error message details"));
    }

    @Test
    void genericCommandReplyExamples() {
        assertThat(parser.parse("ack~geteventinfo~LA08~12~Los Angeles Marathon 2008"))
                .isEqualTo(new Ctp01Reply.EventInfoAck("LA08", "12", "Los Angeles Marathon 2008"));
        assertThat(parser.parse("ack~ping")).isEqualTo(new Ctp01Reply.PingAck());
        assertThat(parser.parse("ack~getlocations~start~10k~half~30k~finish"))
                .isEqualTo(new Ctp01Reply.LocationsAck(List.of("start", "10k", "half", "30k", "finish")));
        assertThat(parser.parse("ack~getconnectionid~b617318655057264e28bc0b6fb378c8ef146be00"))
                .isEqualTo(new Ctp01Reply.ConnectionIdAck("b617318655057264e28bc0b6fb378c8ef146be00"));
    }

    @Test
    void pushModeAckExamples() {
        // the document writes "ack~start<~location name>"
        assertThat(parser.parse("ack~start")).isEqualTo(new Ctp01Reply.StartAck(Optional.empty()));
        assertThat(parser.parse("ack~start~10k")).isEqualTo(new Ctp01Reply.StartAck(Optional.of("10k")));
        assertThat(parser.parse("ack~stop~10k")).isEqualTo(new Ctp01Reply.StopAck(Optional.of("10k")));
    }

    @Test
    void tagObservationExampleAsTheNotesReadIt() {
        assertThat(parser.parse("CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1")).isEqualTo(new TagObservation(
                TagEventFormat.CT01_33, 1, "start", "9478", utc("2008-10-16T08:29:10.290Z"), "08:29:10.29", 0,
                "0F2A38", 1));
    }

    @Test
    void theDocumentsSpaceTypoIsNotATagEvent() {
        // "CT01 33" appears in the document; no client writes it, so it is not guessed at
        Ctp01Inbound parsed = parser.parse("CT01 33~1~start~9478~08:29:10.29~0~0F2A38~1");
        assertThat(parsed).isInstanceOf(Ctp01DecodeError.class);
        assertThat(((Ctp01DecodeError) parsed).kind()).isEqualTo(Ctp01DecodeError.Kind.UNKNOWN_MESSAGE);
    }

    @Test
    void gunTimeExample() {
        assertThat(parser.parse("CT01_33~4~start~guntime~07:45:01.01~0~DF239A~0")).isEqualTo(new GunTime(
                TagEventFormat.CT01_33, 4, "start", utc("2008-10-16T07:45:01.010Z"), "07:45:01.01", "DF239A"));
    }

    @Test
    void newLocationExample() {
        assertThat(parser.parse("CT01_33~2038~30k~newlocation~09:15:21.00~0~ED932A~0")).isEqualTo(new NewLocation(
                TagEventFormat.CT01_33, 2038, "30k", utc("2008-10-16T09:15:21Z"), "09:15:21.00", "ED932A"));
    }

    @Test
    void pullModeExampleOne() {
        assertThat(parser.parse("ack~getdata~3")).isEqualTo(new Ctp01Reply.GetDataAck(3));
        assertThat(parser.parse("CT01_33~1~start~guntime~07:45:01.01~0~DF239A~0")).isInstanceOf(GunTime.class);
        assertThat(parser.parse("CT01_33~2~finish~12~08:38:58.97~0~0FA22E~4")).isEqualTo(new TagObservation(
                TagEventFormat.CT01_33, 2, "finish", "12", utc("2008-10-16T08:38:58.970Z"), "08:38:58.97", 0,
                "0FA22E", 4));
        assertThat(parser.parse("CT01_33~3~finish~2948~08:39:01.62~0~04BE82~2")).isEqualTo(new TagObservation(
                TagEventFormat.CT01_33, 3, "finish", "2948", utc("2008-10-16T08:39:01.620Z"), "08:39:01.62", 0,
                "04BE82", 2));
    }

    @Test
    void pullModeExampleTwo() {
        assertThat(parser.parse("ack~getdata~0")).isEqualTo(new Ctp01Reply.GetDataAck(0));
    }

    @Test
    void commaSeparatedVariantFromTheNotes() {
        assertThat(parser.parse("CT01_13,1,start,9478,08:29:10.29,0,0F2A38,1")).isEqualTo(new TagObservation(
                TagEventFormat.CT01_13, 1, "start", "9478", utc("2008-10-16T08:29:10.290Z"), "08:29:10.29", 0,
                "0F2A38", 1));
    }

    // ---- the time-format examples: October 16th 2008, 2:02:15pm and 31 hundredths ----

    @Test
    void theThreeTimeFormatExamplesAgreeAtAUtcVenue() {
        Instant expected = utc("2008-10-16T14:02:15.310Z");
        assertThat(TimeFormat.NORMAL.parse("14:02:15.31", UTC_EVENT_DAY)).isEqualTo(expected);
        assertThat(TimeFormat.ISO.parse("2008-10-16T14:02:15.31", UTC_EVENT_DAY)).isEqualTo(expected);
        assertThat(TimeFormat.UNIX.parse("1224165735.31", null)).isEqualTo(expected);
    }

    @Test
    void hoursPastTwentyFourFromTheNotes() {
        VenueClock clock = new VenueClock(ZoneId.of("America/Los_Angeles"), LocalDate.of(2008, 10, 16));
        // 102 h = 4 days + 6 h: 2008-10-20 06:12:32.37 PDT (UTC-7)
        assertThat(TimeFormat.NORMAL.parse("102:12:32.37", clock)).isEqualTo(utc("2008-10-20T13:12:32.370Z"));
    }

    @Test
    void msecsIsRefusedClearly() {
        assertThatThrownBy(() -> TimeFormat.fromOptionValue("msecs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("msecs is not supported");
    }

    // ---- server to client ----

    @Test
    void serverGreetingExamples() {
        ServerGreeting runScore = new ServerGreeting("RunScore", "Version 6.5 Level 2007.09.26",
                Ctp01RequestOptions.builder().location(LocationMode.SINGLE).gunTimes(true).build());
        assertThat(Ctp01LineWriter.lines(runScore))
                .containsExactly("RunScore~Version 6.5 Level 2007.09.26~2", "location=single", "guntimes=true");
        ServerGreeting raceDirector = new ServerGreeting("Race Director", "Version 2008 rev 3",
                Ctp01RequestOptions.builder().build());
        assertThat(Ctp01LineWriter.lines(raceDirector)).containsExactly("Race Director~Version 2008 rev 3~0");
    }

    @Test
    void genericCommandExamples() {
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GET_EVENT_INFO)).containsExactly("geteventinfo");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.PING)).containsExactly("ping");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GET_LOCATIONS)).containsExactly("getlocations");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GET_CONNECTION_ID)).containsExactly("getconnectionid");
    }

    @Test
    void startAndStopExamples() {
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Start.all())).containsExactly("start");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Start.location("10k"))).containsExactly("start~10k");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Start.resume("finish", 4530)))
                .containsExactly("start~finish~4530");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Stop.all())).containsExactly("stop");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Stop.location("start"))).containsExactly("stop~start");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.Stop.location("10k"))).containsExactly("stop~10k");
    }

    @Test
    void getDataExamples() {
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GetData.next(50))).containsExactly("getdata~50");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GetData.next(50, "finish"))).containsExactly("getdata~50~finish");
        assertThat(Ctp01LineWriter.lines(Ctp01Command.GetData.from(50, "finish", 209)))
                .containsExactly("getdata~50~finish~209");
    }

    @Test
    void authorizeReplyExamples() {
        assertThat(Ctp01LineWriter.lines(AuthorizeReply.accept())).containsExactly("ack~authorize");
        assertThat(Ctp01LineWriter.lines(AuthorizeReply.reject("invalid password")))
                .containsExactly("err~authorize~invalid password");
        assertThat(Ctp01LineWriter.lines(AuthorizeReply.reject("your account has been suspended")))
                .containsExactly("err~authorize~your account has been suspended");
        assertThat(Ctp01LineWriter.lines(AuthorizeReply.reject(null))).containsExactly("err~authorize");
    }
}
