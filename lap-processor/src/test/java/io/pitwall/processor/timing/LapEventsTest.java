package io.pitwall.processor.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.processor.timing.lap.Lap;
import io.pitwall.processor.timing.lap.PassingKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LapEventsTest {

    private static final Lap LAP = new Lap(3, "tx7", 1_000_000L, 93_500_123L, Arrays.asList(30_000_000L, null),
            false, true, List.of(new PassingKey("finish", 0, 5), new PassingKey("finish", 0, 9)), true, false);

    @Test
    void shouldMapACorrectedLapWithItsReason() {
        LapEvent event = LapEvents.of("v", "s", new LapChange(LapEventKind.CORRECTED, "7", LAP, LAP, "late passing"));

        assertThat(event.getLapTimeMicros()).isEqualTo(92_500_123L);
        assertThat(event.getSectorTimesMicros()).containsExactly(30_000_000L, null);
        assertThat(event.getFinishedAt()).isEqualTo(Instant.ofEpochSecond(93, 500_123_000));
        assertThat(event.getPersonalBest()).isTrue();
        assertThat(event.getInPit()).isTrue();
        assertThat(event.getPassings()).extracting(p -> p.getSequence()).containsExactly(5L, 9L);
        assertThat(event.getReason()).isEqualTo("late passing");
    }

    @Test
    void shouldMapADeletedLapWithoutTimes() {
        LapEvent event = LapEvents.of("v", "s", new LapChange(LapEventKind.DELETED, "7", LAP, LAP, "chequered flag"));

        assertThat(event.getKind()).isEqualTo(LapEventKind.DELETED);
        assertThat(event.getLapTimeMicros()).isNull();
        assertThat(event.getSectorTimesMicros()).isEmpty();
        assertThat(event.getPersonalBest()).isFalse();
        assertThat(event.getLapNumber()).isEqualTo(3);
    }
}
