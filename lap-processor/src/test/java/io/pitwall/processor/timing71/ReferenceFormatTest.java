package io.pitwall.processor.timing71;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionControl;
import io.pitwall.events.StopKind;
import io.pitwall.processor.timing.TimingSession;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    void shouldWriteAManifestShapedLikeTheReference(String file) throws IOException {
        JsonNode reference = reference(file).get("service");
        ObjectNode manifest = Timing71Service.manifest(renderedSession().snapshot, SOURCE);

        assertThat(keys(manifest)).containsExactlyInAnyOrder("name", "description", "uuid", "colSpec", "trackDataSpec",
                "pollInterval", "source", "startTime", "serviceClass");
        for (String key : keys(manifest)) {
            assertThat(reference.has(key)).as("reference manifest has " + key).isTrue();
            assertThat(manifest.get(key).getNodeType()).as(key).isEqualTo(reference.get(key).getNodeType());
        }
        assertThat(manifest.get("uuid").asText()).matches("[0-9a-f]{32}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldUseTheReferenceColumnTuples(String file) throws IOException {
        JsonNode referenceColumns = reference(file).get("service").get("colSpec");
        ObjectNode manifest = Timing71Service.manifest(renderedSession().snapshot, SOURCE);

        for (JsonNode column : manifest.get("colSpec")) {
            JsonNode match = columnNamed(referenceColumns, column.get(0).asText());
            assertThat(match).as("reference has column " + column.get(0)).isNotNull();
            assertThat(column.size()).as("tuple length of " + column).isEqualTo(match.size());
            String expectedType = List.of("Last", "Best").contains(column.get(0).asText())
                    ? "laptime" // current clients; the 2021 recordings still say "time"
                    : match.get(1).asText();
            assertThat(column.get(1).asText()).as("type of " + column.get(0)).isEqualTo(expectedType);
            if (match.size() == 3) {
                assertThat(column.get(2).asText()).isEqualTo(match.get(2).asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldWriteCellsOfTheSameTypesAsTheReference(String file) throws IOException {
        JsonNode reference = reference(file);
        JsonNode referenceColumns = reference.get("service").get("colSpec");
        Rendered rendered = renderedSession();
        JsonNode columns = Timing71Service.manifest(rendered.snapshot, SOURCE).get("colSpec");

        assertThat(rendered.state.get("cars")).isNotEmpty();
        for (JsonNode car : rendered.state.get("cars")) {
            assertThat(car.size()).isEqualTo(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).get(0).asText();
                int referenceIndex = indexOf(referenceColumns, name);
                Set<String> allowed = new TreeSet<>();
                for (JsonNode referenceCar : reference.get("state").get("cars")) {
                    allowed.add(shape(referenceCar.get(referenceIndex)));
                }
                if (name.equals("Gap") || name.equals("Int")) {
                    // the references write every gap as text; Pitwall writes time gaps as numbers (the delta
                    // column type formats them) and lap gaps / the leader as text
                    allowed.add("number");
                }
                assertThat(allowed).as(name + " of car " + car.get(0)).contains(shape(car.get(i)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021_lm24.json", "elms-portimao.json"})
    void shouldWriteStateMessagesAndSessionLikeTheReference(String file) throws IOException {
        JsonNode referenceState = reference(file).get("state");
        ObjectNode state = renderedSession().state;

        Set<String> extra = new HashSet<>(keys(state));
        extra.removeAll(keys(referenceState));
        assertThat(keys(state)).containsAll(keys(referenceState));
        assertThat(extra).as("only lastUpdated is new (Timing71 analysis needs it)").containsExactly("lastUpdated");
        assertThat(state.get("lastUpdated").isIntegralNumber()).isTrue();

        assertThat(keys(state.get("session"))).containsExactlyInAnyOrderElementsOf(keys(referenceState.get("session")));
        assertThat(state.get("session").get("timeElapsed").isNumber()).isTrue();
        assertThat(state.get("session").get("flagState").asText()).isEqualTo("chequered");

        assertThat(state.get("messages")).isNotEmpty();
        Set<String> referenceShapes = new TreeSet<>();
        referenceState.get("messages").forEach(m -> referenceShapes.add(messageShape(m)));
        for (JsonNode message : state.get("messages")) {
            assertThat(referenceShapes).as(message.toString()).contains(messageShape(message));
        }
        assertThat(state.get("highlight").isArray()).isTrue();
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

    private static String shape(JsonNode cell) {
        if (cell.isArray()) {
            StringBuilder shape = new StringBuilder("[");
            for (JsonNode part : cell) {
                shape.append(shape.length() > 1 ? "," : "").append(part.isNumber() ? "number" : part.getNodeType());
            }
            return shape.append(']').toString().replace("[STRING,", "[\"\",");
        }
        return cell.isNumber() ? "number" : cell.getNodeType().toString();
    }

    private static String messageShape(JsonNode message) {
        List<String> parts = new ArrayList<>();
        message.forEach(p -> parts.add(p.isNumber() ? "number" : p.getNodeType().toString()));
        return parts.toString();
    }

    private static JsonNode columnNamed(JsonNode columns, String name) {
        int index = indexOf(columns, name);
        return index < 0 ? null : columns.get(index);
    }

    private static int indexOf(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).get(0).asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode reference(String file) throws IOException {
        try (InputStream in = ReferenceFormatTest.class.getResourceAsStream("/reference/timing71/" + file)) {
            assertThat(in).as(file).isNotNull();
            return Timing71Json.MAPPER.readTree(in);
        }
    }
}
