package io.pitwall.simulator.ctp01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChronoTrackBoxTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");
    private final ChronoTrackBox box = ChronoTrackBox.builder("box").zone(ZoneOffset.UTC).build();

    @Test
    void everyLocationNumbersItsOwnEventsFromOneGunTimesIncluded() {
        assertThat(box.observe("start", "1", T0).sequence()).isEqualTo(1);
        assertThat(box.gunTime("start", T0.plusSeconds(1)).sequence()).isEqualTo(2);
        assertThat(box.observe("finish", "1", T0.plusSeconds(2)).sequence()).isEqualTo(1);
        assertThat(box.observe("start", "2", T0.plusSeconds(3)).sequence()).isEqualTo(3);
        assertThat(box.lastSequence("start")).isEqualTo(3);
        assertThat(box.locations()).extracting(BoxLocation::name, BoxLocation::ordinal)
                .containsExactly(tuple("start", 1),
                        tuple("finish", 2));
    }

    @Test
    void readersAreStablePerLocationAndGunTimesCarryTheController() {
        BoxEvent read = box.observe("start", "1", T0);
        assertThat(read.readerId()).matches("[0-9A-F]{6}");
        assertThat(box.observe("start", "2", T0).readerId()).isEqualTo(read.readerId());
        assertThat(box.gunTime("start", T0).readerId()).isEqualTo(box.controllerId());
        assertThat(ChronoTrackBox.builder("box").build().controllerId()).isEqualTo(box.controllerId());
        assertThat(box.observe("start", "3", T0, "0f2a38", 2, 1).readerId()).isEqualTo("0F2A38");
    }

    @Test
    void pendingInterleavesLocationsByArrival() {
        box.observe("a", "1", T0);
        box.observe("b", "2", T0);
        box.observe("a", "3", T0);
        box.observe("b", "4", T0);
        assertThat(box.pending(Map.of("a", 1, "b", 2), 10)).extracting(BoxEvent::tag).containsExactly("1", "3", "4");
        assertThat(box.pending(Map.of("a", 1, "b", 1), 3)).extracting(BoxEvent::tag).containsExactly("1", "2", "3");
        assertThat(box.pending(Map.of("a", 9, "nowhere", 1), 3)).isEmpty();
    }

    @Test
    void listenersHearAboutEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        box.addListener(changes::incrementAndGet);
        box.addLocation("start", T0);
        box.addLocation("start", T0);
        box.observe("start", "1", T0);
        box.gunTime("finish", T0);
        assertThat(changes).hasValue(3);
    }

    @Test
    void valuesThatCannotBeWrittenOnALineAreRefused() {
        assertThatThrownBy(() -> box.observe("a~b", "1", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("a,b", "1", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("seventeen-chars-x", "1", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("start", "123456789", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("start", "guntime", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("start", "1", T0, "XYZ123", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.observe("start", "1", T0, null, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChronoTrackBox.builder("x").eventInfo("a~b", "1", "d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesBeforeTheEventDateAreRefused() {
        box.observe("start", "1", T0);
        assertThat(box.eventDate()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThatThrownBy(() -> box.observe("start", "1", T0.minusSeconds(86_400)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
