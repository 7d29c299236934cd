package io.pitwall.ingest.smartrace.venue;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.config;
import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.control;
import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import io.pitwall.ingest.smartrace.codec.EventStatus;
import io.pitwall.ingest.smartrace.codec.ServerMessage;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.EventStatusUpdate;
import io.pitwall.ingest.smartrace.codec.ServerMessage.VscStatusUpdate;
import io.pitwall.ingest.smartrace.codec.VscStatus;
import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.ingest.smartrace.session.RecentLaps;
import io.pitwall.ingest.smartrace.session.SensorClocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VenueStateTest {

    static final Instant T0 = Instant.parse("2024-08-04T10:00:00Z");

    final VenueState venue = new VenueState("club-a", new ControllerDataMapper(6), new RecentLaps(Duration.ofMinutes(1), 10),
            new SensorClocks(Duration.ofMinutes(1), 10));
    final List<ServerMessage> pushed = new ArrayList<>();

    VenueStateTest() {
        venue.addListener(pushed::addAll);
    }

    @Test
    void replaysHistorySilentlyAndPushesTheResultWhenLive() {
        venue.apply(config("club-a", "s1", T0, entry("7", "Nic", "BMW M4", "1")));
        venue.apply(control("club-a", ControlAction.START, null, T0.plusSeconds(60)));
        venue.apply(control("club-a", ControlAction.FLAG, Flag.VSC, T0.plusSeconds(90)));
        assertThat(pushed).isEmpty();

        venue.goLive();

        assertThat(pushed).hasSize(3);
        assertThat(((ControllerData) pushed.get(0)).controllers().get("1").driver()).isEqualTo("Nic");
        assertThat(pushed.subList(1, 3)).containsExactly(new EventStatusUpdate(EventStatus.RUNNING),
                new VscStatusUpdate(VscStatus.ACTIVE));
        assertThat(venue.currentFlag()).isEqualTo(Flag.VSC);
    }

    @Test
    void pushesChangesOnlyOnceLive() {
        venue.apply(config("club-a", "s1", T0));
        venue.goLive();
        pushed.clear();

        venue.apply(control("club-a", ControlAction.START, null, T0.plusSeconds(1)));
        venue.apply(control("club-a", ControlAction.MESSAGE, null, T0.plusSeconds(2)));
        venue.apply(control("club-a", ControlAction.FLAG, Flag.RED, T0.plusSeconds(3)));

        // VSC was off before the start and stays off: not repeated
        assertThat(pushed).containsExactly(new EventStatusUpdate(EventStatus.RUNNING),
                new EventStatusUpdate(EventStatus.SUSPENDED));
    }

    @Test
    void aNewSessionStartsOverAndAnEntryListChangeUpdatesTheSensors() {
        venue.apply(config("club-a", "s1", T0));
        venue.apply(control("club-a", ControlAction.START, null, T0.plusSeconds(1)));
        venue.goLive();
        pushed.clear();

        venue.apply(config("club-a", "s1", T0.plusSeconds(5), entry("9", "Eve", "Audi", "2")));
        assertThat(pushed).singleElement().isInstanceOf(ControllerData.class);
        pushed.clear();

        venue.apply(config("club-a", "s2", T0.plusSeconds(600), entry("9", "Eve", "Audi", "2")));
        assertThat(pushed).containsExactly(new EventStatusUpdate(EventStatus.PREPARE_FOR_START));
    }

    @Test
    void ignoresRaceControlOfOtherSessionsAndFromBeforeTheSession() {
        venue.apply(config("club-a", "s2", T0));
        venue.goLive();
        pushed.clear();

        venue.apply(control("club-a", ControlAction.START, null, T0.minusSeconds(1)));
        SessionControl other = control("club-a", ControlAction.START, null, T0.plusSeconds(1));
        other.setSessionId("s1");
        venue.apply(other);

        assertThat(pushed).isEmpty();
        assertThat(venue.status().event()).isEqualTo(EventStatus.PREPARE_FOR_START);
    }

    @Test
    void removedListenersHearNothing() {
        List<ServerMessage> other = new ArrayList<>();
        VenueState.Listener listener = other::addAll;
        venue.addListener(listener);
        venue.removeListener(listener);
        venue.goLive();
        assertThat(other).isEmpty();
        assertThat(pushed).isNotEmpty();
    }
}
