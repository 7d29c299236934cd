package io.pitwall.ingest.smartrace.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.smartrace.codec.RaceControlCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionControlMapperTest {

    final SessionControlMapper mapper = new SessionControlMapper();
    final SensorStream stream = SensorStream.of("club-a", "10.0.0.9", 40000, 1L);
    final Instant at = Instant.parse("2024-08-04T12:00:00.123456Z");

    @Test
    void startAndStopAreSessionStartAndStop() {
        SessionControl start = mapper.toSessionControl(stream, RaceControlCommand.START, at, Flag.NONE);
        SessionControl stop = mapper.toSessionControl(stream, RaceControlCommand.STOP, at, Flag.GREEN);

        assertThat(start.getVenueId()).isEqualTo("club-a");
        assertThat(start.getSessionId()).isNull();
        assertThat(start.getAction()).isEqualTo(ControlAction.START);
        assertThat(start.getFlag()).isEqualTo(Flag.GREEN);
        assertThat(start.getAt()).isEqualTo(Instant.parse("2024-08-04T12:00:00.123Z"));
        assertThat(start.getIssuedBy()).isEqualTo("smartrace sensor club-a/10.0.0.9:40000");
        assertThat(stop.getAction()).isEqualTo(ControlAction.STOP);
        assertThat(stop.getFlag()).isNull();
    }

    @Test
    void vscTogglesTheVirtualSafetyCarLikeSmartrace() {
        assertThat(mapper.toSessionControl(stream, RaceControlCommand.VSC, at, Flag.GREEN).getFlag()).isEqualTo(Flag.VSC);
        SessionControl ending = mapper.toSessionControl(stream, RaceControlCommand.VSC, at, Flag.VSC);
        assertThat(ending.getAction()).isEqualTo(ControlAction.FLAG);
        assertThat(ending.getFlag()).isEqualTo(Flag.GREEN);
    }

    @Test
    void escIsRecordedWithoutGuessingAFlag() {
        SessionControl esc = mapper.toSessionControl(stream, RaceControlCommand.ESC, at, Flag.GREEN);

        assertThat(esc.getAction()).isEqualTo(ControlAction.OTHER);
        assertThat(esc.getFlag()).isNull();
        assertThat(esc.getMessage()).contains("esc");
    }
}
