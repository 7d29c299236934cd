package io.pitwall.ingest.lapsnapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.lapsnapper.codec.AbsoluteTime;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassingMapperTest {

    static final MessageHeader SERVER = new MessageHeader(60, 520_000);
    static final StreamKey STREAM = new StreamKey("spa", 10022);
    static final Instant RECEIVED = Instant.parse("2020-12-09T09:06:46.413Z");

    @Test
    void aLapLineEventOfTheApiTraceBecomesAFinishPassing() {
        // the first TIME EVENT of the API's recorded trace (4.3)
        TimeEvent event = new TimeEvent(SERVER, 10003, 1, "Mark", new AbsoluteTime(157, 1607504803361L), 1);

        Passing passing = PassingMapper.toPassing(STREAM, 42, event, RECEIVED);

        assertThat(passing.getVenueId()).isEqualTo("spa");
        assertThat(passing.getSource()).isEqualTo(Source.LAPSNAPPER);
        assertThat(passing.getStreamId()).isEqualTo("spa/decoder-10022");
        assertThat(passing.getStreamEpoch()).isEqualTo(42);
        assertThat(passing.getSequence()).isEqualTo(157);
        assertThat(passing.getTransponder()).isEqualTo("10003");
        assertThat(passing.getName()).isEqualTo("Mark");
        assertThat(passing.getPassingTime()).isEqualTo(Instant.parse("2020-12-09T09:06:43.361Z"));
        assertThat(passing.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(passing.getLineIndex()).isNull();
        assertThat(passing.getReceivedAt()).isEqualTo(RECEIVED);
        assertThat(passing.getAttributes()).isEqualTo(Map.of("lapLine", "1", "transponderId", "10003",
                "transponderInstance", "1", "timeStampId", "157"));
    }

    @Test
    void aSectorLineEventHasNoIndexAndKeepsTheRawLineForTheLineMap() {
        TimeEvent event = new TimeEvent(SERVER, 10004, 2, null, new AbsoluteTime(160, 1607504814590L), 0);

        Passing passing = PassingMapper.toPassing(STREAM, 42, event, RECEIVED);

        assertThat(passing.getLine()).isEqualTo(LineKind.SECTOR);
        assertThat(passing.getLineIndex()).isNull();
        assertThat(passing.getAttributes()).containsEntry("lapLine", "0").containsEntry("transponderInstance", "2");
        assertThat(passing.getTransponder()).isEqualTo("10004-2");
        assertThat(passing.getName()).isNull();
    }

    @Test
    void withoutSectorTimingEveryCrossingIsOnTheLapLine() {
        TimeEvent event = new TimeEvent(SERVER, 7, 1, " ", new AbsoluteTime(1, 1000L), null);

        Passing passing = PassingMapper.toPassing(STREAM, 1, event, RECEIVED);

        assertThat(passing.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(passing.getAttributes()).containsEntry("lapLine", "1");
        assertThat(passing.getName()).as("a blank name is no name").isNull();
    }
}
