package io.pitwall.launcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayExportTest {

    private static final Path REFERENCES = Path.of(System.getProperty("pitwall.module.dir", "."))
            .resolve("../lap-processor/src/test/resources/reference/timing71").normalize();

    private record Exported(RaceTimeline race, RecordedSession recorded, ReplayExport.Written written,
                            ReplayReader replay) {
    }

    private static Exported export(RaceScenario scenario) throws Exception {
        RaceTimeline race = RaceGenerator.generate(scenario);
        RecordedSession recorded = GeneratedSession.recorded(race, scenario.seed());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ReplayExport.Written written = ReplayExport.write(recorded, Optional.empty(), zip);
        return new Exported(race, recorded, written, new ReplayReader(zip.toByteArray()));
    }

    /** Every frame, keyframes and diffs applied, equals the engine's full state at that second. */
    @ParameterizedTest
    @ValueSource(longs = {2, 17})
    void everyReconstructedFrameShouldEqualTheEnginesStateAtThatSecond(long seed) throws Exception {
        Exported exported = export(RaceScenario.race(seed).withCars(6));
        List<ObjectNode> reconstructed = exported.replay().states();

        SessionRerun engine = new SessionRerun(exported.recorded());
        assertThat(reconstructed).hasSize(exported.written().frames());
        for (int i = 0; i < reconstructed.size(); i++) {
            long second = exported.replay().frames.get(i).timestamp();
            Instant t = Instant.ofEpochSecond(second);
            engine.advanceTo(t);
            ObjectNode expected = engine.render(engine.snapshot(t));
            assertThat(reconstructed.get(i)).as("frame %d (%d)", i, second).isEqualTo(expected);
        }
        // the diffs were not trivial: cars changed between frames, messages arrived
        long intraWithCarChanges = exported.replay().frames.stream()
                .filter(f -> !f.keyframe() && !f.content().get("cars").isEmpty()).count();
        assertThat(intraWithCarChanges).isGreaterThan(10);
        assertThat(exported.replay().frames.stream()
                .filter(f -> !f.keyframe() && !f.content().get("messages").isEmpty())).isNotEmpty();
    }

    @Test
    void shouldHoldOneFramePerSecondWithAKeyframeEveryTenFrames() throws Exception {
        Exported exported = export(RaceScenario.qualifying(4).withCars(5));
        List<ReplayReader.Frame> frames = exported.replay().frames;

        assertThat(exported.replay().entryNames.get(0)).isEqualTo("manifest.json");
        assertThat(exported.replay().entryNames).hasSize(frames.size() + 1);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).timestamp()).isEqualTo(frames.get(0).timestamp() + i);
            assertThat(frames.get(i).keyframe()).as("frame %d is a keyframe", i).isEqualTo(i % 10 == 0);
            if (!frames.get(i).keyframe()) {
                assertThat(names(frames.get(i).content())).containsExactly("cars", "session", "messages", "highlight");
            }
        }
        long sessionStart = exported.race().controls().get(0).getAt().getEpochSecond();
        assertThat(frames.get(0).timestamp()).isEqualTo(sessionStart);
        assertThat(exported.replay().manifest.get("startTime").asLong()).isEqualTo(frames.get(0).timestamp());
        assertThat(exported.replay().manifest.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void theLastFrameShouldShowTheFinalClassification() throws Exception {
        Exported exported = export(RaceScenario.race(8));
        List<ObjectNode> states = exported.replay().states();
        JsonNode cars = states.get(states.size() - 1).get("cars");
        List<String> columns = columnNames(exported.replay().manifest);
        int num = columns.indexOf("Num");
        int laps = columns.indexOf("Laps");
        int state = columns.indexOf("State");

        List<String> shown = new ArrayList<>();
        cars.forEach(car -> shown.add(car.get(num).asText() + " laps=" + car.get(laps).asInt()
                + (car.get(state).asText().equals("FIN") ? " FIN" : "")));
        List<String> expected = new ArrayList<>();
        for (ExpectedStanding s : exported.race().groundTruth().classification()) {
            expected.add(s.carNumber() + " laps=" + s.laps() + (s.finished() ? " FIN" : ""));
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(states.get(states.size() - 1).at("/session/flagState").asText()).isEqualTo("chequered");
    }

    /** Keyframes, messages and the manifest are shaped like the real Timing71 recordings. */
    @Test
    void shouldBeShapedLikeTheReferenceRecordings() throws Exception {
        Exported exported = export(RaceScenario.race(3).withCars(6));
        JsonNode manifest = exported.replay().manifest;
        for (String file : List.of("2021_lm24.json", "elms-portimao.json")) {
            JsonNode reference = Timing71Json.MAPPER.readTree(Files.readAllBytes(REFERENCES.resolve(file)));
            JsonNode service = reference.get("service");
            for (String key : names(manifest)) {
                if (!key.equals("version")) {
                    assertThat(service.has(key)).as("%s manifest has %s", file, key).isTrue();
                    assertThat(manifest.get(key).getNodeType()).as(key).isEqualTo(service.get(key).getNodeType());
                }
            }
            Set<String> stateKeys = new HashSet<>(names(reference.get("state")));
            for (ReplayReader.Frame frame : exported.replay().frames) {
                if (frame.keyframe()) {
                    assertThat(names(frame.content())).containsAll(stateKeys);
                    assertThat(names(frame.content().get("session")))
                            .containsAnyElementsOf(names(reference.get("state").get("session")))
                            .contains("flagState", "timeElapsed");
                }
            }
        }
        int columns = manifest.get("colSpec").size();
        for (ObjectNode state : exported.replay().states()) {
            state.get("cars").forEach(car -> assertThat(car.size()).isEqualTo(columns));
            state.get("messages").forEach(m -> assertThat(m.size()).isBetween(4, 5));
        }
    }

    @Test
    void shouldNameTheFileAfterTheFirstFrameAndTheSession() {
        RaceTimeline race = RaceGenerator.generate(RaceScenario.race(1));
        RecordedSession recorded = GeneratedSession.recorded(race, 1);
        String name = ReplayExport.fileName(recorded);
        assertThat(name).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}-\\d{2} .+ - .*\\.zip")
                .startsWith("2026-05-17 13-00 ").doesNotContain("/");
        assertThat(name).isEqualTo("2026-05-17 13-00 " + race.sessionConfig().getName() + " - "
                + race.sessionConfig().getDescription().replaceAll("[\\\\/:*?\"<>|]", "_") + ".zip");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> columnNames(JsonNode manifest) {
        List<String> names = new ArrayList<>();
        manifest.get("colSpec").forEach(c -> names.add(c.get(0).asText()));
        return names;
    }
}
