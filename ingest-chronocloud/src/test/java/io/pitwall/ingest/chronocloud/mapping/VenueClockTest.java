package io.pitwall.ingest.chronocloud.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.chronocloud.codec.PduTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What instant an older station's time of day means, around midnight and clock changes too. */
class VenueClockTest {

    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    final VenueClock clock = new VenueClock(HELSINKI, Optional.empty());

    static PduTime time(String text) {
        return PduTime.parse(text).orElseThrow();
    }

    @Test
    void isoWithOffsetNeedsNoVenue() {
        assertThat(clock.toInstant(time("2007-11-20T22:19:17.532+02:00"), Instant.parse("2030-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2007-11-20T20:19:17.532Z"));
    }

    @Test
    void timeOfDayLandsOnTheDayOfItsReference() {
        // 20:47:57.765 in Helsinki (UTC+2 in November), received a moment later
        assertThat(clock.toInstant(time("20:47:57.765"), Instant.parse("2007-11-20T18:47:58Z")))
                .isEqualTo(Instant.parse("2007-11-20T18:47:57.765Z"));
    }

    @Test
    void aPassingJustBeforeMidnightReceivedJustAfterBelongsToTheDayBefore() {
        assertThat(clock.toInstant(time("23:59:59.900"), Instant.parse("2024-05-12T21:00:01Z")))
                .as("00:00:01 local on 13 May").isEqualTo(Instant.parse("2024-05-12T20:59:59.900Z"));
    }

    @Test
    void aPassingJustAfterMidnightReferencedJustBeforeBelongsToTheDayAfter() {
        assertThat(clock.toInstant(time("00:00:00.100"), Instant.parse("2024-05-12T20:59:59Z")))
                .isEqualTo(Instant.parse("2024-05-12T21:00:00.100Z"));
    }

    @Test
    void aConfiguredEventDateWinsOverNearness() {
        VenueClock dated = new VenueClock(HELSINKI, Optional.of(LocalDate.of(2024, 5, 10)));
        assertThat(dated.toInstant(time("14:00:00"), Instant.parse("2024-05-12T11:00:00Z")))
                .isEqualTo(Instant.parse("2024-05-10T11:00:00Z"));
    }

    @Test
    void theRepeatedHourWhenClocksGoBackIsReadNearTheReference() {
        // 27 Oct 2024, Helsinki: 04:00 EEST becomes 03:00 EET, so 03:30 happens twice
        Instant first = Instant.parse("2024-10-27T00:30:00Z");
        Instant second = Instant.parse("2024-10-27T01:30:00Z");
        assertThat(clock.toInstant(time("03:30:00"), first.plusSeconds(2))).isEqualTo(first);
        assertThat(clock.toInstant(time("03:30:00"), second.plusSeconds(2))).isEqualTo(second);
        assertThat(clock.toInstant(time("2024-10-27T03:30:00"), second.plusSeconds(2))).isEqualTo(second);
    }

    @Test
    void aTimeInTheSpringForwardGapIsMovedOnByTheGap() {
        // 31 Mar 2024, Helsinki: 03:00 EET becomes 04:00 EEST; 03:30 does not exist
        assertThat(clock.toInstant(time("03:30:00"), Instant.parse("2024-03-31T01:00:00Z")))
                .isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
    }

    @Test
    void aLocalDateTimeIsReadInTheVenuesZone() {
        assertThat(clock.toInstant(time("2024-07-01T12:00:00.250"), Instant.EPOCH))
                .isEqualTo(Instant.parse("2024-07-01T09:00:00.250Z"));
    }

    @Test
    void venuesHaveTheirOwnZonesAndDates() {
        VenueClocks clocks = new VenueClocks(ZoneId.of("UTC"), java.util.Map.of("spa", ZoneId.of("Europe/Brussels")),
                java.util.Map.of("spa", LocalDate.of(2024, 7, 28)));
        assertThat(clocks.forVenue("spa").zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(clocks.forVenue("spa").eventDate()).contains(LocalDate.of(2024, 7, 28));
        assertThat(clocks.forVenue("keimola").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(clocks.forVenue("keimola").eventDate()).isEmpty();
    }
}
