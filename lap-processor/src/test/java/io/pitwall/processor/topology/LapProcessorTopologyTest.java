package io.pitwall.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.events.LapEvent;
import io.pitwall.events.LapEventKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import io.pitwall.events.Entry;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.simulator.race.ExpectedLap;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LapProcessorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-05-17T13:00:00Z");
    private static final LapProcessorConfig CONFIG = LapProcessorConfig.defaults();

    private TopologyTestDriver driver;
    private TestInputTopic<String, Passing> passings;
    private TestInputTopic<String, SessionConfig> sessions;
    private TestInputTopic<String, SessionControl> controls;
    private TestOutputTopic<String, LapEvent> laps;
    private TestOutputTopic<String, String> states;
    private TestOutputTopic<String, String> manifests;

    @BeforeEach
    void setUp() {
        EventSerdes serdes = new EventSerdes(new PlainAvroSerde<>(Passing.class), new PlainAvroSerde<>(SessionConfig.class),
                new PlainAvroSerde<>(SessionControl.class), new PlainAvroSerde<>(LapEvent.class));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "lap-processor-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(LapProcessorTopology.build(CONFIG, serdes), properties, T0);
        passings = driver.createInputTopic(CONFIG.passingsTopic(), Serdes.String().serializer(),
                serdes.passings().serializer());
        sessions = driver.createInputTopic(CONFIG.sessionsTopic(), Serdes.String().serializer(),
                serdes.sessions().serializer());
        controls = driver.createInputTopic(CONFIG.sessionControlTopic(), Serdes.String().serializer(),
                serdes.controls().serializer());
        laps = driver.createOutputTopic(CONFIG.lapsTopic(), Serdes.String().deserializer(), serdes.laps().deserializer());
        states = driver.createOutputTopic(CONFIG.statesTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
        manifests = driver.createOutputTopic(CONFIG.manifestsTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldEmitLapEventsForPassingsInOrder() {
        sessions.pipeInput("v", config());
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(2, 92.5));

        List<LapEvent> events = laps.readValuesToList();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getKind()).isEqualTo(LapEventKind.COMPLETED);
            assertThat(event.getCarNumber()).isEqualTo("7");
            assertThat(event.getLapNumber()).isEqualTo(1);
            assertThat(event.getLapTimeMicros()).isEqualTo(92_500_000L);
            assertThat(event.getSessionId()).isEqualTo("s1");
            assertThat(event.getPassings()).hasSize(2);
        });
    }

    @Test
    void shouldHoldAGapUntilTheReorderDelayHasPassed() {
        sessions.pipeInput("v", config());
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(3, 185)); // sequence 2 missing: held

        assertThat(laps.readValuesToList()).isEmpty();
        driver.advanceWallClockTime(Duration.ofMillis(2_200));

        assertThat(laps.readValuesToList()).extracting(LapEvent::getLapTimeMicros).containsExactly(185_000_000L);

        passings.pipeInput("v", passing(2, 92)); // the missing one, late: inserted, never dropped
        assertThat(laps.readValuesToList()).extracting(LapEvent::getKind, LapEvent::getLapNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LapEventKind.CORRECTED, 1),
                        org.assertj.core.groups.Tuple.tuple(LapEventKind.COMPLETED, 2));
    }

    @Test
    void shouldReleaseAHeldRunAsSoonAsTheGapFills() {
        sessions.pipeInput("v", config());
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(3, 185));
        passings.pipeInput("v", passing(2, 92));

        assertThat(laps.readValuesToList()).extracting(LapEvent::getKind, LapEvent::getLapNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LapEventKind.COMPLETED, 1),
                        org.assertj.core.groups.Tuple.tuple(LapEventKind.COMPLETED, 2));
    }

    @Test
    void shouldDropDuplicatePassings() {
        sessions.pipeInput("v", config());
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(2, 92));
        passings.pipeInput("v", passing(2, 92));
        passings.pipeInput("v", passing(1, 0));

        assertThat(laps.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldTimePassingsThatArrivedBeforeTheSessionConfiguration() {
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(2, 92));
        assertThat(laps.readValuesToList()).isEmpty();

        sessions.pipeInput("v", config());

        assertThat(laps.readValuesToList()).extracting(LapEvent::getLapNumber).containsExactly(1);
    }

    @Test
    void shouldPublishTiming71StateAndManifestKeyedByServiceUuid() throws Exception {
        sessions.pipeInput("v", config());
        passings.pipeInput("v", passing(1, 0));
        passings.pipeInput("v", passing(2, 92));

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        String uuid = ServiceIds.serviceUuid("v", "s1");
        Map<String, String> manifestsByKey = manifests.readKeyValuesToMap();
        assertThat(manifestsByKey).containsOnlyKeys(uuid);
        JsonNode manifest = Timing71Json.MAPPER.readTree(manifestsByKey.get(uuid));
        assertThat(manifest.get("uuid").asText()).isEqualTo(uuid);
        List<org.apache.kafka.streams.KeyValue<String, String>> published = states.readKeyValuesToList();
        assertThat(published).isNotEmpty().allSatisfy(kv -> assertThat(kv.key).isEqualTo(uuid));
        JsonNode state = Timing71Json.MAPPER.readTree(published.get(published.size() - 1).value);
        assertThat(state.get("cars").get(0).get(0).asText()).isEqualTo("7");
        assertThat(state.get("cars").get(0).get(7).asInt()).isEqualTo(1);
        assertThat(state.get("lastUpdated").asLong()).isEqualTo(T0.plusSeconds(2).toEpochMilli());
    }

    @Test
    void shouldEndInTheGroundTruthForAShuffledDuplicatedRace() {
        RaceTimeline timeline = RaceGenerator.generate(RaceScenario.race(42).withStop(StopKind.LAPS, 8));
        Random random = new Random(42);
        List<Passing> input = new ArrayList<>(timeline.passings());
        for (int i = 0; i < input.size() / 5; i++) {
            input.add(input.get(random.nextInt(input.size())));
        }
        Collections.shuffle(input, random);

        sessions.pipeInput(timeline.scenario().venueId(), timeline.sessionConfig());
        for (SessionControl control : timeline.controls()) {
            controls.pipeInput(timeline.scenario().venueId(), control);
        }
        for (Passing passing : input) {
            passings.pipeInput(passing.getVenueId(), passing);
            driver.advanceWallClockTime(Duration.ofMillis(random.nextInt(100)));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        Map<String, Map<Integer, LapEvent>> latest = new TreeMap<>();
        for (LapEvent event : laps.readValuesToList()) {
            Map<Integer, LapEvent> car = latest.computeIfAbsent(event.getCarNumber(), c -> new TreeMap<>());
            if (event.getKind() == LapEventKind.DELETED) {
                car.remove(event.getLapNumber());
            } else {
                car.put(event.getLapNumber(), event);
            }
        }
        List<String> actual = new ArrayList<>();
        latest.forEach((car, byNumber) -> byNumber.values().forEach(e -> actual.add(car + " " + e.getLapNumber() + " "
                + e.getLapTimeMicros() + " " + e.getSectorTimesMicros() + " " + e.getInvalid() + " "
                + e.getPersonalBest() + " " + e.getSessionBest())));
        List<String> expected = new ArrayList<>();
        new TreeMap<>(timeline.groundTruth().laps()).forEach((car, carLaps) -> {
            for (ExpectedLap lap : carLaps) {
                expected.add(car + " " + lap.lapNumber() + " " + lap.lapTimeMicros() + " " + lap.sectorTimesMicros() + " "
                        + lap.invalid() + " " + lap.personalBest() + " " + lap.sessionBest());
            }
        });
        assertThat(actual).isEqualTo(expected);
    }

    private static SessionConfig config() {
        return SessionConfig.newBuilder().setVenueId("v").setSessionId("s1").setName("Club").setType(SessionType.RACE)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.MANUAL).build())
                .setTrackSettings(TrackSettings.newBuilder().setMinimumLapTimeEnabled(true).setMinimumLapTimeMillis(30_000).build())
                .setEntries(List.of(Entry.newBuilder().setCarNumber("7").setTransponders(List.of("tx7")).build()))
                .setUpdatedAt(T0.minusSeconds(600)).build();
    }

    private static Passing passing(long sequence, double seconds) {
        Instant time = T0.plusMillis(Math.round(seconds * 1000));
        return Passing.newBuilder().setVenueId("v").setSource(Source.CTP01).setStreamId("finish").setSequence(sequence)
                .setTransponder("tx7").setPassingTime(time).setLine(LineKind.FINISH).setReceivedAt(time).build();
    }
}
