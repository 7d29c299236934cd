package io.pitwall.simulator.ctp01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockFormatTest {

    private static final Instant DOCUMENT_EXAMPLE = Instant.parse("2008-10-16T14:02:15.31Z");
    private static final LocalDate EVENT_DAY = LocalDate.of(2008, 10, 16);

    @Test
    void theDocumentsExamplesAtAUtcVenue() {
        assertThat(ClockFormat.NORMAL.format(DOCUMENT_EXAMPLE, ZoneOffset.UTC, EVENT_DAY, 2)).isEqualTo("14:02:15.31");
        assertThat(ClockFormat.ISO.format(DOCUMENT_EXAMPLE, ZoneOffset.UTC, EVENT_DAY, 2))
                .isEqualTo("2008-10-16T14:02:15.31");
        assertThat(ClockFormat.UNIX.format(DOCUMENT_EXAMPLE, ZoneOffset.UTC, EVENT_DAY, 2)).isEqualTo("1224165735.31");
    }

    @Test
    void fractionsAreTruncatedLikeAClockDisplay() {
        Instant t = Instant.parse("2008-10-16T14:02:15.319999999Z");
        assertThat(ClockFormat.UNIX.format(t, ZoneOffset.UTC, EVENT_DAY, 0)).isEqualTo("1224165735");
        assertThat(ClockFormat.UNIX.format(t, ZoneOffset.UTC, EVENT_DAY, 2)).isEqualTo("1224165735.31");
        assertThat(ClockFormat.UNIX.format(t, ZoneOffset.UTC, EVENT_DAY, 9)).isEqualTo("1224165735.319999999");
    }

    @Test
    void normalHoursKeepCountingAfterTheEventDay() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        Instant fourDaysLater = Instant.parse("2008-10-20T13:12:32.37Z"); // 06:12:32.37 PDT
        assertThat(ClockFormat.NORMAL.format(fourDaysLater, losAngeles, EVENT_DAY, 2)).isEqualTo("102:12:32.37");
        assertThatThrownBy(() -> ClockFormat.NORMAL.format(Instant.parse("2008-10-15T12:00:00Z"), losAngeles,
                EVENT_DAY, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagEventFormatCodes() {
        assertThat(TagLineFormat.fromOptionValue("CT01_33")).contains(TagLineFormat.CT01_33);
        assertThat(TagLineFormat.fromOptionValue("CT01_13").orElseThrow().separator()).isEqualTo(',');
        assertThat(TagLineFormat.fromOptionValue("CT01_51").orElseThrow().terminator()).isEqualTo("\r");
        assertThat(TagLineFormat.fromOptionValue("CT01_52").orElseThrow().separator()).isEqualTo('\t');
        assertThat(TagLineFormat.fromOptionValue("CT01_63")).isEmpty();
        assertThat(TagLineFormat.fromOptionValue("CT01_30")).isEmpty();
        assertThat(TagLineFormat.fromOptionValue("CT02_33")).isEmpty();
    }
}
