package io.pitwall.simulator.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.Flag;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RaceGeneratorTest {

    @Test
    void shouldComputeGroundTruthWhenACarCompletesNoCountedLap() {
        // seed 1061 with a 10-lap race leaves one car without a counted lap: the reference timer used to fail
        RaceTimeline timeline = RaceGenerator.generate(
                RaceScenario.race(1061).withCars(20).withStop(io.pitwall.events.StopKind.LAPS, 10));
        assertThat(timeline.groundTruth()).isNotNull();
    }

    @Test
    void shouldGenerateTheSameSessionForTheSameSeed() {
        RaceTimeline first = RaceGenerator.generate(RaceScenario.race(11));
        RaceTimeline second = RaceGenerator.generate(RaceScenario.race(11));

        assertThat(second.passings()).isEqualTo(first.passings());
        assertThat(second.groundTruth()).isEqualTo(first.groundTruth());
        assertThat(RaceGenerator.generate(RaceScenario.race(12)).passings()).isNotEqualTo(first.passings());
    }

    @Test
    void shouldReportPassingsInTimeOrderWithContiguousSequencesPerStream() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(3));
        List<Passing> passings = timeline.passings();

        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < passings.size(); i++) {
            Passing passing = passings.get(i);
            if (i > 0) {
                assertThat(passing.getPassingTime()).isAfterOrEqualTo(passings.get(i - 1).getPassingTime());
            }
            String stream = passing.getStreamId() + "@" + passing.getStreamEpoch();
            assertThat(passing.getSequence()).isEqualTo(last.getOrDefault(stream, 0L) + 1);
            last.put(stream, passing.getSequence());
        }
        assertThat(last.keySet()).as("the finish decoder restarted its numbering")
                .contains(timeline.scenario().venueId() + "/finish@0", timeline.scenario().venueId() + "/finish@1");
    }

    @Test
    void shouldIncludeEveryImperfectionOfRealHardware() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(5));

        assertThat(timeline.trackCrossings()).anyMatch(c -> !c.read());
        assertThat(timeline.crossings()).anyMatch(DetectorRead::ghost);
        assertThat(timeline.trackCrossings()).anyMatch(c -> c.line() == LineKind.PIT_IN);
        Set<String> entered = new HashSet<>();
        for (Entry entry : timeline.sessionConfig().getEntries()) {
            entered.addAll(entry.getTransponders());
        }
        assertThat(timeline.passings()).anyMatch(p -> !entered.contains(p.getTransponder()));
        assertThat(timeline.controls()).anyMatch(c -> c.getFlag() == Flag.SC);
        assertThat(timeline.controls()).anyMatch(c -> c.getAction() == ControlAction.RETIREMENT);
        assertThat(timeline.sessionConfig().getEntries()).anyMatch(e -> e.getTransponders().size() == 2);
    }

    @Test
    void shouldReportLapSnapperSectorLinesWithoutIndex() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(6).withSectors(3, false));

        assertThat(timeline.passings()).filteredOn(p -> p.getLine() == LineKind.SECTOR)
                .isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.getLineIndex()).isNull();
                    assertThat(p.getSource()).isEqualTo(Source.LAPSNAPPER);
                });
    }

    @Test
    void shouldTurnAMissedFinishIntoOneLongInvalidLapInTheGroundTruth() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(9).withReadErrors(0.15, 0));
        List<ExpectedLap> merged = new ArrayList<>();
        timeline.groundTruth().laps().values().forEach(laps -> laps.stream()
                .filter(lap -> lap.sectorTimesMicros().stream().allMatch(s -> s == null) && lap.invalid())
                .forEach(merged::add));

        assertThat(merged).isNotEmpty().allSatisfy(lap -> assertThat(lap.lapTimeMicros()).isGreaterThan(150_000_000L));
    }

    @Test
    void shouldClassifyTheGroundTruthRaceByLapsThenLastCrossing() {
        GroundTruth truth = RaceGenerator.generate(RaceScenario.race(8)).groundTruth();

        for (int i = 1; i < truth.classification().size(); i++) {
            assertThat(truth.classification().get(i).laps()).isLessThanOrEqualTo(truth.classification().get(i - 1).laps());
        }
        assertThat(truth.classification().get(0).finished()).isTrue();
        assertThat(truth.chequeredMicros()).isNotNull();
    }
}
