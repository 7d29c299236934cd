package io.pitwall.ingest.chronocloud.mapping;

import io.pitwall.ingest.chronocloud.codec.PduTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the times a station writes into instants, with the venue's time zone and, optionally, the
 * event date.
 *
 * <ul>
 *   <li>ISO 8601 with offset: exact, no venue knowledge needed.</li>
 *   <li>Date and time without offset: in the venue's zone; in the hour repeated when clocks go back,
 *       the reading nearer the reference.</li>
 *   <li>Time of day only (older ChronoFly): on the configured event date if there is one; otherwise on
 *       the date that puts it nearest the reference — the PDU's own {@code sent} time when that is
 *       known, else the moment it was received. A passing re-sent hours later still lands on the right
 *       day as long as it was sent within 12 hours of happening, and a passing at 23:59:59 received at
 *       00:00:01 lands on the day before.</li>
 * </ul>
 * Times inside a spring-forward gap cannot come from a correct clock; they are moved forward by the
 * gap, as {@link ZonedDateTime#ofLocal} does.
 */
public final class VenueClock {

    private final ZoneId zone;
    private final LocalDate eventDate;

    public VenueClock(ZoneId zone, Optional<LocalDate> eventDate) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.eventDate = Objects.requireNonNull(eventDate, "eventDate").orElse(null);
    }

    public ZoneId zone() {
        return zone;
    }

    public Optional<LocalDate> eventDate() {
        return Optional.ofNullable(eventDate);
    }

    /** The instant {@code time} denotes, choosing among readings by nearness to {@code reference}. */
    public Instant toInstant(PduTime time, Instant reference) {
        if (time instanceof PduTime.Offset offset) {
            return offset.value().toInstant();
        }
        if (time instanceof PduTime.Local local) {
            return nearest(readings(local.value()), reference);
        }
        PduTime.TimeOfDay timeOfDay = (PduTime.TimeOfDay) time;
        if (eventDate != null) {
            return nearest(readings(LocalDateTime.of(eventDate, timeOfDay.value())), reference);
        }
        LocalDate around = reference.atZone(zone).toLocalDate();
        Instant best = null;
        for (LocalDate date : List.of(around.minusDays(1), around, around.plusDays(1))) {
            Instant candidate = nearest(readings(LocalDateTime.of(date, timeOfDay.value())), reference);
            best = best == null ? candidate : closer(best, candidate, reference);
        }
        return best;
    }

    /** Every instant a wall-clock reading can mean here: one, two in an overlap, the shifted one in a gap. */
    private List<Instant> readings(LocalDateTime local) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return List.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
        }
        return offsets.stream().map(local::toInstant).toList();
    }

    private static Instant nearest(List<Instant> candidates, Instant reference) {
        Instant best = candidates.get(0);
        for (int i = 1; i < candidates.size(); i++) {
            best = closer(best, candidates.get(i), reference);
        }
        return best;
    }

    private static Instant closer(Instant a, Instant b, Instant reference) {
        // ties go to the earlier reading: a passing is reported after it happens, not before
        int cmp = Duration.between(a, reference).abs().compareTo(Duration.between(b, reference).abs());
        return cmp < 0 || cmp == 0 && a.isBefore(b) ? a : b;
    }
}
