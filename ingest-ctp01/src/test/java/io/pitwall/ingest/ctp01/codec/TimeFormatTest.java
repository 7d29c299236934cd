package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFormatTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final VenueClock NURBURGRING = new VenueClock(BERLIN, LocalDate.of(2024, 6, 1));

    @ParameterizedTest
    @CsvSource({
            "08:29:10, 2024-06-01T06:29:10Z",
            "08:29:10.2, 2024-06-01T06:29:10.200Z",
            "08:29:10.29, 2024-06-01T06:29:10.290Z",
            "08:29:10.291, 2024-06-01T06:29:10.291Z",
            "08:29:10.291234, 2024-06-01T06:29:10.291234Z",
            "08:29:10.291234567, 2024-06-01T06:29:10.291234567Z",
            "8:29:10.29, 2024-06-01T06:29:10.290Z",
            "00:00:00.00, 2024-05-31T22:00:00Z",
            "23:59:59.99, 2024-06-01T21:59:59.990Z",
            "24:00:00.00, 2024-06-01T22:00:00Z",
            "25:30:00, 2024-06-01T23:30:00Z",
            "102:12:32.37, 2024-06-05T04:12:32.370Z"
    })
    void normalIsAWallClockTimeOfDayCountedFromTheEventDate(String text, String expected) {
        assertThat(TimeFormat.NORMAL.parse(text, NURBURGRING)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-06-01T08:29:10, 2024-06-01T06:29:10Z",
            "2024-06-01T08:29:10.29, 2024-06-01T06:29:10.290Z",
            "2024-06-02T00:00:00.000001, 2024-06-01T22:00:00.000001Z",
            "2024-06-01T08:29:10.29Z, 2024-06-01T08:29:10.290Z",
            "2024-06-01T08:29:10.29+05:30, 2024-06-01T02:59:10.290Z"
    })
    void isoIsVenueLocalUnlessItCarriesAnOffset(String text, String expected) {
        assertThat(TimeFormat.ISO.parse(text, NURBURGRING)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "1224165735, 2008-10-16T14:02:15Z",
            "1224165735.3, 2008-10-16T14:02:15.300Z",
            "1224165735.31, 2008-10-16T14:02:15.310Z",
            "1224165735.123456789, 2008-10-16T14:02:15.123456789Z",
            "0, 1970-01-01T00:00:00Z"
    })
    void unixIsUtcSecondsAndIgnoresTheVenue(String text, String expected) {
        assertThat(TimeFormat.UNIX.parse(text, null)).isEqualTo(Instant.parse(expected));
        assertThat(TimeFormat.UNIX.parse(text, NURBURGRING)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void springForwardDayResolvesTimesAroundTheGap() {
        VenueClock dstDay = new VenueClock(BERLIN, LocalDate.of(2024, 3, 31));
        assertThat(TimeFormat.NORMAL.parse("01:59:59.99", dstDay)).isEqualTo(Instant.parse("2024-03-31T00:59:59.990Z"));
        assertThat(TimeFormat.NORMAL.parse("03:00:00.00", dstDay)).isEqualTo(Instant.parse("2024-03-31T01:00:00Z"));
        assertThat(TimeFormat.NORMAL.parse("26:00:00.00", dstDay)).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(TimeFormat.ISO.parse("2024-03-31T03:30:00", dstDay)).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
    }

    @Test
    void aTimeInsideTheSpringForwardGapIsRejectedNotShifted() {
        VenueClock dstDay = new VenueClock(BERLIN, LocalDate.of(2024, 3, 31));
        assertThatThrownBy(() -> TimeFormat.NORMAL.parse("02:30:00.00", dstDay))
                .isInstanceOf(DateTimeParseException.class).hasMessageContaining("gap");
        assertThatThrownBy(() -> TimeFormat.ISO.parse("2024-03-31T02:30:00", dstDay))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void theRepeatedHourAfterFallBackResolvesToTheEarlierOffset() {
        VenueClock fallBackDay = new VenueClock(BERLIN, LocalDate.of(2024, 10, 27));
        assertThat(TimeFormat.NORMAL.parse("02:30:00.00", fallBackDay))
                .isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
        assertThat(TimeFormat.NORMAL.parse("03:30:00.00", fallBackDay))
                .isEqualTo(Instant.parse("2024-10-27T02:30:00Z"));
        // 24 h of wall clock after midnight is 25 h of real time on this day
        assertThat(TimeFormat.NORMAL.parse("24:00:00.00", fallBackDay))
                .isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14:02", "14:02:15.", "14:60:00", "14:00:60", "14:02:15.1234567890", "1a:02:15",
            "-1:02:15", "14:2:15", "14:02:15,31", " 14:02:15", "14:02:15 ", "2008-10-16T14:02:15.31",
            "1224165735.31", "1234567:00:00", "١٤:02:15"})
    void malformedNormalTimesAreErrors(String text) {
        assertThatThrownBy(() -> TimeFormat.NORMAL.parse(text, NURBURGRING)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2008-10-16", "2008-10-16 14:02:15", "2008-02-30T14:02:15", "2008-13-01T14:02:15",
            "2008-10-16T24:00:00", "08-10-16T14:02:15", "2008-10-16T14:02:15.31+25:00", "14:02:15.31",
            "1224165735.31", "2008-10-16T14:02:15.1234567890"})
    void malformedIsoTimesAreErrors(String text) {
        assertThatThrownBy(() -> TimeFormat.ISO.parse(text, NURBURGRING)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1224165735", "1224165735.", "1224165735,31", "0x10", "14:02:15.31",
            "2008-10-16T14:02:15.31", "1224165735.1234567890", "1e9"})
    void malformedUnixTimesAreErrors(String text) {
        assertThatThrownBy(() -> TimeFormat.UNIX.parse(text, null)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void venueLocalFormatsNeedAVenueClock() {
        assertThatThrownBy(() -> TimeFormat.NORMAL.parse("14:02:15.31", null)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> new Ctp01LineParser(TimeFormat.ISO, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VenueClock");
        assertThat(new Ctp01LineParser(TimeFormat.UNIX, null).timeFormat()).isEqualTo(TimeFormat.UNIX);
    }

    @Test
    void isoNeedsOnlyTheZoneWhileNormalNeedsTheEventDate() {
        VenueClock zoneOnly = VenueClock.zoneOnly(ZoneOffset.UTC);
        assertThat(TimeFormat.ISO.parse("2008-10-16T14:02:15.31", zoneOnly))
                .isEqualTo(Instant.parse("2008-10-16T14:02:15.310Z"));
        assertThatThrownBy(() -> TimeFormat.NORMAL.parse("14:02:15.31", zoneOnly))
                .isInstanceOf(DateTimeParseException.class).hasMessageContaining("event date");
    }

    @Test
    void beforeTheVenueIsKnownVenueLocalTimesAreDecodeErrorsNotGuesses() {
        Ctp01LineParser parser = Ctp01LineParser.beforeVenueKnown(TimeFormat.NORMAL);
        assertThat(parser.parse("CT01_33~1~start~9478~08:29:10.29~0~0F2A38~1"))
                .isInstanceOfSatisfying(Ctp01DecodeError.class,
                        error -> assertThat(error.kind()).isEqualTo(Ctp01DecodeError.Kind.INVALID_TIME));
        assertThat(parser.parse("authorize~timer~secret")).isInstanceOf(AuthorizeRequest.class);
    }

    @Test
    void optionValuesRoundTrip() {
        for (TimeFormat format : TimeFormat.values()) {
            assertThat(TimeFormat.fromOptionValue(format.optionValue())).isSameAs(format);
        }
        assertThat(TimeFormat.fromOptionValue("ISO")).isSameAs(TimeFormat.ISO);
        assertThatThrownBy(() -> TimeFormat.fromOptionValue("hundredths")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameWallClockMeansDifferentInstantsInDifferentZones() {
        VenueClock utc = new VenueClock(ZoneOffset.UTC, LocalDate.of(2024, 6, 1));
        assertThat(TimeFormat.NORMAL.parse("08:00:00", utc)).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(TimeFormat.NORMAL.parse("08:00:00", NURBURGRING)).isEqualTo(Instant.parse("2024-06-01T06:00:00Z"));
    }
}
