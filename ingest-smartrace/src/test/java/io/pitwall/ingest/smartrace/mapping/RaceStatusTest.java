package io.pitwall.ingest.smartrace.mapping;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.control;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.ingest.smartrace.codec.EventStatus;
import io.pitwall.ingest.smartrace.codec.ServerMessage.EventStatusUpdate;
import io.pitwall.ingest.smartrace.codec.ServerMessage.VscStatusUpdate;
import io.pitwall.ingest.smartrace.codec.VscStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RaceStatusTest {

    static final Instant AT = Instant.parse("2024-08-04T12:00:00Z");

    @Test
    void followsARaceFromStartThroughVscAndRedFlagToTheEnd() {
        RaceStatus status = RaceStatus.NEW_SESSION;

        RaceStatus started = status.apply(control("v", ControlAction.START, null, AT));
        RaceStatus vsc = started.apply(control("v", ControlAction.FLAG, Flag.VSC, AT));
        RaceStatus green = vsc.apply(control("v", ControlAction.FLAG, Flag.GREEN, AT));
        RaceStatus red = green.apply(control("v", ControlAction.FLAG, Flag.RED, AT));
        RaceStatus restarted = red.apply(control("v", ControlAction.FLAG, Flag.GREEN, AT));
        RaceStatus ended = restarted.apply(control("v", ControlAction.STOP, null, AT));

        assertThat(started).isEqualTo(new RaceStatus(EventStatus.RUNNING, Flag.GREEN));
        assertThat(vsc.vsc()).isEqualTo(VscStatus.ACTIVE);
        assertThat(vsc.event()).isEqualTo(EventStatus.RUNNING);
        assertThat(green.vsc()).isEqualTo(VscStatus.OFF);
        assertThat(red.event()).isEqualTo(EventStatus.SUSPENDED);
        assertThat(restarted.event()).isEqualTo(EventStatus.RUNNING);
        assertThat(ended.event()).isEqualTo(EventStatus.ENDED);
        assertThat(restarted.apply(control("v", ControlAction.FLAG, Flag.CHEQUERED, AT)).event()).isEqualTo(EventStatus.ENDED);
        assertThat(started.apply(control("v", ControlAction.FLAG, Flag.SC, AT)).vsc()).isEqualTo(VscStatus.ACTIVE);
    }

    @Test
    void messagesAndOtherActionsThatDoNotConcernSensorsChangeNothing() {
        RaceStatus running = new RaceStatus(EventStatus.RUNNING, Flag.GREEN);

        assertThat(running.apply(control("v", ControlAction.MESSAGE, null, AT))).isEqualTo(running);
        assertThat(running.apply(control("v", ControlAction.PENALTY, null, AT))).isEqualTo(running);
        assertThat(RaceStatus.UNKNOWN.apply(control("v", ControlAction.FLAG, Flag.NONE, AT)).event()).isNull();
    }

    @Test
    void sendsOnlyWhatChanged() {
        RaceStatus running = new RaceStatus(EventStatus.RUNNING, Flag.GREEN);

        assertThat(RaceStatus.UNKNOWN.messages()).isEmpty();
        assertThat(running.changesSince(RaceStatus.UNKNOWN)).containsExactly(
                new EventStatusUpdate(EventStatus.RUNNING), new VscStatusUpdate(VscStatus.OFF));
        assertThat(new RaceStatus(EventStatus.RUNNING, Flag.VSC).changesSince(running))
                .containsExactly(new VscStatusUpdate(VscStatus.ACTIVE));
        assertThat(new RaceStatus(EventStatus.RUNNING, Flag.YELLOW).changesSince(running)).isEmpty();
    }
}
