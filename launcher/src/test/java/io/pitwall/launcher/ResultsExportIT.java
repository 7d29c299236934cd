package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.launcher.results.CsvReader;
import io.pitwall.launcher.results.KafkaArchive;
import io.pitwall.launcher.results.ReplayReader;
import io.pitwall.launcher.results.ResultsCsv;
import io.pitwall.launcher.results.ResultsWritersTest;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.processor.timing71.ServiceIds;
import io.pitwall.schemas.catalog.TopicProvisioner;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.schemas.registry.SchemaRegistryClientConfig;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import io.pitwall.simulator.race.ExpectedStanding;
import io.pitwall.simulator.race.RaceGenerator;
import io.pitwall.simulator.race.RaceScenario;
import io.pitwall.simulator.race.RaceTimeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pitwall results} and {@code pitwall export} on a real broker and registry: a generated race (missed and
 * ghost reads, pit stops, safety car, a retirement, an unknown transponder, a decoder restart) goes into
 * {@code timing.sessions}/{@code timing.session-control}/{@code timing.passings}, the real lap processor times it
 * in this JVM, and the commands, run through picocli as {@code pitwall} runs them, rebuild the results from Kafka.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultsExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = "it-results-circuit";

    private final RaceTimeline race = RaceGenerator.generate(new RaceScenario(77, VENUE, "race-77",
            io.pitwall.events.SessionType.RACE, 10, 2, 3, true, io.pitwall.events.StopKind.LAPS, 6,
            java.time.Instant.parse("2026-05-17T13:00:00Z"), 0.03, 0.05, 0.08, true, true, true, true, true));

    @TempDir
    static Path dir;

    private KafkaCluster cluster;
    private LapProcessorService lapProcessor;

    @BeforeAll
    void timeARace(KafkaCluster kafka) throws Exception {
        this.cluster = kafka;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(60)).provisionAll();
        }
        try (RaceControlClient raceControl = new RaceControlClient(kafka.bootstrapServers(), kafka.schemaRegistryUrl())) {
            raceControl.publish(race.sessionConfig());
            race.controls().forEach(raceControl::publish);
        }
        try (PitwallAvroSerializer<SpecificRecord> avro = new PitwallAvroSerializer<>();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            avro.configure(Map.of(SchemaRegistryClientConfig.URL, kafka.schemaRegistryUrl()), false);
            for (Passing passing : race.passings()) {
                producer.send(new ProducerRecord<>(Topics.PASSINGS.name(), VENUE,
                        avro.serialize(Topics.PASSINGS.name(), passing)));
            }
            producer.flush();
        }
        lapProcessor = new LocalServices(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), dir.resolve("data"))
                .lapProcessor(Map.of("application.id", "it-results-lap-processor"));
        int expectedLaps = race.groundTruth().laps().values().stream().mapToInt(List::size).sum();
        String uuid = ServiceIds.serviceUuid(VENUE, race.sessionConfig().getSessionId());
        await("the lap processor has timed the race").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    try (KafkaArchive archive = new KafkaArchive(kafka.bootstrapServers(), kafka.schemaRegistryUrl(),
                            Duration.ofSeconds(10), new PrintWriter(new StringWriter()))) {
                        long completed = archive.laps(VENUE).stream()
                                .filter(l -> l.getKind() == io.pitwall.events.LapEventKind.COMPLETED).count();
                        return completed >= expectedLaps && archive.lastState(uuid).orElse("").contains("chequered");
                    }
                });
    }

    @AfterAll
    void stop() {
        if (lapProcessor != null) {
            lapProcessor.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run pitwall(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", cluster.bootstrapServers(), "--schema-registry", cluster.schemaRegistryUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new picocli.CommandLine(new PitwallCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void resultsAsCsvShouldBeTheGroundTruth() throws Exception {
        Path file = dir.resolve("results.csv");
        Run run = pitwall("results", VENUE, "--format", "csv", "--output", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<List<String>> all = CsvReader.read(Files.readString(file, StandardCharsets.UTF_8));
        int blank = all.indexOf(List.of());
        List<List<String>> classification = all.subList(0, blank);
        List<List<String>> laps = all.subList(blank + 1, all.size());
        assertThat(classification.get(0)).isEqualTo(ResultsCsv.CLASSIFICATION_HEADER);
        List<String> standings = new ArrayList<>();
        for (List<String> row : classification.subList(1, classification.size())) {
            standings.add(row.get(0) + " #" + row.get(1) + " laps=" + row.get(7) + " best=" + row.get(18)
                    + " pits=" + row.get(20) + (row.get(21).equals("FIN") ? " FIN" : ""));
        }
        assertThat(standings).isEqualTo(ResultsWritersTest.expectedStandings(race.groundTruth()));
        List<String> header = ResultsCsv.lapsHeader(3);
        assertThat(laps.get(0)).isEqualTo(header);
        List<String> lapLines = new ArrayList<>();
        for (List<String> row : laps.subList(1, laps.size())) {
            lapLines.add(row.get(0) + " " + row.get(1) + " " + row.get(3) + " [" + row.get(5) + ", " + row.get(7) + ", "
                    + row.get(9) + "]" + (row.get(11).equals("true") ? " invalid" : "")
                    + (row.get(12).equals("true") ? " pit" : "") + (row.get(13).equals("true") ? " pb" : "")
                    + (row.get(14).equals("true") ? " sb" : ""));
        }
        assertThat(lapLines).containsExactlyInAnyOrderElementsOf(ResultsWritersTest.expectedLapLines(race.groundTruth()));
    }

    @Test
    @Order(2)
    void resultsAsJsonOnStdoutShouldBeTheGroundTruthAndAgreeWithThePublishedState() throws Exception {
        Run run = pitwall("results", VENUE, "--session", race.sessionConfig().getSessionId(), "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.at("/checks/publishedStateCompared").asBoolean()).isTrue();
        assertThat(root.at("/checks/agree").asBoolean()).isTrue();
        List<String> standings = new ArrayList<>();
        for (JsonNode car : root.get("classification")) {
            standings.add(car.get("position").asInt() + " #" + car.get("number").asText() + " laps="
                    + car.get("laps").asInt() + " best=" + (car.get("bestLapMs").isNull() ? "" : car.get("bestLapMs").asText())
                    + " pits=" + car.get("pitStops").asInt() + (car.get("status").asText().equals("FIN") ? " FIN" : ""));
        }
        assertThat(standings).isEqualTo(ResultsWritersTest.expectedStandings(race.groundTruth()));
        int expectedLaps = race.groundTruth().laps().values().stream().mapToInt(List::size).sum();
        assertThat(root.get("laps")).hasSize(expectedLaps);
    }

    @Test
    @Order(3)
    void exportShouldWriteAReplayWhoseLastFrameShowsTheFinalClassification() throws Exception {
        Path file = dir.resolve("replay.zip");
        Run run = pitwall("export", VENUE, "--format", "timing71-replay", "--output", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo(file.toString());
        ReplayReader replay = new ReplayReader(Files.readAllBytes(file));
        assertThat(replay.manifest.get("name").asText()).isEqualTo(race.sessionConfig().getName());
        assertThat(replay.manifest.get("uuid").asText())
                .isEqualTo(ServiceIds.serviceUuid(VENUE, race.sessionConfig().getSessionId()));
        assertThat(replay.manifest.get("version").asInt()).isEqualTo(1);
        List<ObjectNode> states = replay.states();
        for (int i = 1; i < replay.frames.size(); i++) {
            assertThat(replay.frames.get(i).timestamp() - replay.frames.get(i - 1).timestamp()).isEqualTo(1);
            assertThat(replay.frames.get(i).keyframe()).isEqualTo(i % 10 == 0);
        }
        ObjectNode last = states.get(states.size() - 1);
        List<String> columns = new ArrayList<>();
        replay.manifest.get("colSpec").forEach(c -> columns.add(c.get(0).asText()));
        List<String> shown = new ArrayList<>();
        last.get("cars").forEach(car -> shown.add(car.get(columns.indexOf("Num")).asText() + " laps="
                + car.get(columns.indexOf("Laps")).asInt()
                + (car.get(columns.indexOf("State")).asText().equals("FIN") ? " FIN" : "")));
        List<String> expected = new ArrayList<>();
        for (ExpectedStanding s : race.groundTruth().classification()) {
            expected.add(s.carNumber() + " laps=" + s.laps() + (s.finished() ? " FIN" : ""));
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(last.at("/session/flagState").asText()).isEqualTo("chequered");
    }

    @Test
    @Order(4)
    void shouldNameTheKnownVenuesAndSessionsWhenAskedForAnUnknownOne() {
        Run venue = pitwall("results", "no-such-venue", "--format", "csv");
        assertThat(venue.exit()).isEqualTo(1);
        assertThat(venue.err()).contains("Unknown venue 'no-such-venue'", VENUE);

        Run session = pitwall("export", VENUE, "--session", "no-such-session", "--format", "timing71-replay");
        assertThat(session.exit()).isEqualTo(1);
        assertThat(session.err()).contains("has no session 'no-such-session'", race.sessionConfig().getSessionId(),
                race.sessionConfig().getName());
    }
}
