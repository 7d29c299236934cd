package io.pitwall.ingest.smartrace.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.smartrace.session.Crossing;
import io.pitwall.ingest.smartrace.session.Line;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PassingMapperTest {

    final SensorStream stream = SensorStream.of("club-a", "192.168.1.40", 51234, 1_722_773_000_000L);

    @Test
    void aLapIsAFinishPassingOfTheControllerWithItsRawLineAndCounter() {
        Crossing lap = new Crossing(7, 2, Line.FINISH, 1_722_773_108_999L, OptionalLong.of(4_000_123), false, null);

        Passing passing = new PassingMapper().toPassing(stream, lap, Instant.parse("2024-08-04T12:05:09.0245Z"), "Z");

        assertThat(passing.getVenueId()).isEqualTo("club-a");
        assertThat(passing.getSource()).isEqualTo(Source.SMARTRACE);
        assertThat(passing.getStreamId()).isEqualTo("club-a/192.168.1.40:51234");
        assertThat(passing.getStreamEpoch()).isEqualTo(1_722_773_000_000L);
        assertThat(passing.getSequence()).isEqualTo(7);
        assertThat(passing.getTransponder()).isEqualTo("2");
        assertThat(passing.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(passing.getLineIndex()).isNull();
        assertThat(passing.getPassingTime()).isEqualTo(Instant.ofEpochMilli(1_722_773_108_999L));
        assertThat(passing.getReceivedAt()).isEqualTo(Instant.parse("2024-08-04T12:05:09.024Z"));
        assertThat(passing.getAttributes()).isEqualTo(Map.of(
                "line", "analog_lap", "sensorTimestamp", "4000123", "sensorRole", "Z"));
    }

    @Test
    void pitMessagesAreTheirPitLinesAndFlplIsMarked() {
        PassingMapper mapper = new PassingMapper();
        Instant now = Instant.parse("2024-08-04T12:05:09Z");

        Passing in = mapper.toPassing(stream, new Crossing(1, 3, Line.PIT_IN, 1, OptionalLong.empty(), false, null), now, null);
        Passing out = mapper.toPassing(stream, new Crossing(2, 3, Line.PIT_OUT, 2, OptionalLong.empty(), true, null), now, null);

        assertThat(in.getLine()).isEqualTo(LineKind.PIT_IN);
        assertThat(in.getAttributes()).isEqualTo(Map.of("line", "analog_pit_enter"));
        assertThat(out.getLine()).isEqualTo(LineKind.PIT_OUT);
        assertThat(out.getAttributes()).containsEntry("line", "analog_pit_leave").containsEntry("flpl", "true");
    }

    @Test
    void streamEpochsAreStrictlyIncreasingEvenWithinOneMillisecond() {
        long[] now = {1_000};
        StreamEpochs epochs = new StreamEpochs(() -> now[0]);

        long a = epochs.next();
        long b = epochs.next();
        now[0] = 900; // the wall clock stepped back
        long c = epochs.next();
        now[0] = 5_000;
        long d = epochs.next();

        assertThat(new long[] {a, b, c, d}).containsExactly(1_000, 1_001, 1_002, 5_000);
    }
}
