package io.pitwall.processor.timing71;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.events.StopKind;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks Pitwall's Timing71 output against the real recorded Timing71 sessions (Le Mans 2021, ELMS Portimão
 * 2021, copied into test resources): manifest keys, colSpec tuple shapes, state keys, the JSON type of every
 * cell, the message tuples and the session keys.
 */
class ReferenceFormatTest {

    private static final List<String> SOURCE = List.of("Pitwall", "");

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldWriteAManifestShapedLikeTheReference(String file) {
        ReferenceShapes.of(file).assertManifestShaped(Timing71Service.manifest(renderedSession().snapshot, SOURCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldUseTheReferenceColumnTuples(String file) {
        ReferenceShapes.of(file).assertColumnsShaped(Timing71Service.manifest(renderedSession().snapshot, SOURCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldWriteCellsOfTheSameTypesAsTheReference(String file) {
        Rendered rendered = renderedSession();
        ReferenceShapes.of(file).assertCellsShaped(Timing71Service.manifest(rendered.snapshot, SOURCE), rendered.state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldWriteStateMessagesAndSessionLikeTheReference(String file) {
        ObjectNode state = renderedSession().state;

        ReferenceShapes.of(file).assertStateShaped(state);
        assertThat(state.get("session").get("flagState").asText()).isEqualTo("chequered");
        assertThat(state.get("messages")).as("the race produced messages to compare").isNotEmpty();
    }

    /** A generated timed race with three sectors, rendered every 30 s until well after the flag. */
    private static Rendered renderedSession() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(7).withStop(StopKind.TIME, 15 * 60));
        TimingSession session = new TimingSession(timeline.sessionConfig());
        Timing71Service service = new Timing71Service();
        List<Passing> passings = timeline.passings();
        List<SessionControl> controls = new ArrayList<>(timeline.controls());
        Instant now = timeline.scenario().start();
        int next = 0;
        ObjectNode state = null;
        Instant end = passings.get(passings.size() - 1).getPassingTime().plusSeconds(60);
        while (!now.isAfter(end)) {
            while (next < passings.size() && !passings.get(next).getPassingTime().isAfter(now)) {
                service.onLapChanges(session.addPassing(passings.get(next++)).changes());
            }
            for (Iterator<SessionControl> it = controls.iterator(); it.hasNext(); ) {
                SessionControl control = it.next();
                if (!control.getAt().isAfter(now)) {
                    service.onLapChanges(session.addControl(control).changes());
                    service.onControl(control);
                    it.remove();
                }
            }
            state = service.render(session.snapshot(now));
            now = now.plusSeconds(30);
        }
        return new Rendered(session.snapshot(now), state);
    }

    private record Rendered(io.pitwall.processor.timing.SessionSnapshot snapshot, ObjectNode state) {
    }
}
