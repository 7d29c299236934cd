package io.pitwall.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.events.DecoderCommand;
import io.pitwall.events.DecoderCommandKind;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.ReceivedCommand;
import io.pitwall.systemtest.harness.DeadLetterReader;
import io.pitwall.systemtest.harness.DeadLetterReader.DeadLetter;
import io.pitwall.systemtest.harness.GroundTruthCheck;
import io.pitwall.systemtest.harness.HardwareRace;
import io.pitwall.systemtest.harness.HardwareRace.Hardware;
import io.pitwall.systemtest.harness.LapSnapperHardware;
import io.pitwall.systemtest.harness.LapsReader;
import io.pitwall.systemtest.harness.RaceControl;
import io.pitwall.systemtest.harness.Replay;
import io.pitwall.systemtest.harness.ServiceProcess;
import io.pitwall.systemtest.harness.SharedPipeline;
import io.pitwall.systemtest.harness.SharedPipelineTest;
import io.pitwall.systemtest.harness.T71Client;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #11, poison records in every topic a service reads, during a live LapSnapper session:
 * <ul>
 *   <li>lap-processor — {@code timing.sessions}, {@code timing.session-control} (before the session's valid
 *       configuration and controls) and {@code timing.passings} (mid-race): bytes that are not the wire format and
 *       an unknown schema id, each to {@code pitwall.dead-letter} with its reason, counted by topic;</li>
 *   <li>LapSnapper ingest — {@code timing.commands}: the same two, dead-lettered and counted as
 *       {@code unreadable}; a valid command afterwards reaches the LapSnapper server;</li>
 *   <li>state publisher — {@code timing71.states} and {@code timing71.manifests}: invalid JSON, skipped with a
 *       WARN line and {@code pitwall_publisher_records_invalid_total}.</li>
 * </ul>
 * Processing continues: the session's laps equal the ground truth and the WebSocket shows its classification.
 */
class PoisonRecordsIT extends SharedPipelineTest {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordsIT.class);

    @Test
    void poisonIsDeadLetteredOrSkippedAndEveryServiceCarriesOn() {
        HardwareRace race = HardwareRace.of(Hardware.LAPSNAPPER,
                LapProcessorFaultsIT.scenario(931, "poison").withSectors(3, false));
        String venue = race.venueId();
        String nonce = UUID.randomUUID().toString();
        RaceControl raceControl = pipeline.raceControl();
        ServiceProcess processor = pipeline.processor();
        ServiceProcess publisher = pipeline.publisher();
        double deadBefore = deadLetters(processor);
        double invalidStatesBefore = invalid(publisher, Topics.TIMING71_STATES.name());
        double invalidManifestsBefore = invalid(publisher, Topics.TIMING71_MANIFESTS.name());
        try (LapSnapperHardware server = new LapSnapperHardware();
             ServiceProcess ingest = pipeline.services().lapSnapperIngest("poison-ingest-lapsnapper", venue,
                     server.port(), LapSnapperHardware.PASSWORD, LapSnapperHardware.PIN).start();
             DeadLetterReader deadLetters = new DeadLetterReader(pipeline.cluster());
             LapsReader laps = new LapsReader(pipeline.cluster());
             T71Client viewer = T71Client.follow(publisher, race.serviceUuid())) {
            Replay.awaitReady(server, Duration.ofSeconds(30), "LapSnapper ingest");
            // before the session exists: its configuration and controls come after the poison
            for (String topic : List.of(Topics.SESSIONS.name(), Topics.SESSION_CONTROL.name())) {
                raceControl.sendRaw(topic, venue, notAvro(topic, nonce));
                raceControl.sendRaw(topic, venue, unknownSchemaId(topic));
            }
            raceControl.run(race.sessionConfig(), race.controls());
            int n = race.reads().size();
            Replay.asFastAsPossible(race.reads(), server, i -> {
                if (i == n / 2) {
                    for (String topic : List.of(Topics.PASSINGS.name(), Topics.COMMANDS.name())) {
                        raceControl.sendRaw(topic, venue, notAvro(topic, nonce));
                        raceControl.sendRaw(topic, venue, unknownSchemaId(topic));
                    }
                    // "the previous document stays": the live service has one once the viewer has seen a state (a
                    // poison state before the service's first one left the viewer without any: see the README)
                    await().atMost(Duration.ofSeconds(60)).until(() -> !viewer.states().isEmpty());
                    for (String topic : List.of(Topics.TIMING71_STATES.name(), Topics.TIMING71_MANIFESTS.name())) {
                        // one for a service nobody follows (always parsed), one for the live session's service
                        // (may be superseded by a newer state in the same poll, then it is never parsed)
                        raceControl.sendRaw(topic, "poison-" + nonce, invalidJson(topic));
                        raceControl.sendRaw(topic, race.serviceUuid(), invalidJson(topic));
                    }
                }
            });
            // a valid command after the poison ones: carried out (LapSnapper message 6401, exit session)
            raceControl.command(DecoderCommand.newBuilder().setVenueId(venue).setCommandId("exit-" + nonce)
                    .setCommand(DecoderCommandKind.EXIT_SESSION).setIssuedAt(Instant.now()).build());

            long converged = GroundTruthCheck.awaitAndAssert(laps, race, viewer, Duration.ofSeconds(90));
            LOG.info("{}: ground truth {} ms after the last read, poison and all", venue, converged);

            List<String> lapProcessorTopics = List.of(Topics.SESSIONS.name(), Topics.SESSION_CONTROL.name(),
                    Topics.PASSINGS.name());
            await().atMost(Duration.ofSeconds(30)).until(() -> ours(deadLetters.poll(), nonce).size() == 8);
            List<DeadLetter> ours = ours(deadLetters.poll(), nonce);
            for (String topic : lapProcessorTopics) {
                assertDeadLettered(ours, topic, nonce, SharedPipeline.APPLICATION_ID);
            }
            assertDeadLettered(ours, Topics.COMMANDS.name(), nonce, null);
            LOG.info("dead letters of the LapSnapper ingest: {}", ours.stream()
                    .filter(d -> d.topic().equals(Topics.COMMANDS.name())).map(d -> d.application() + ": " + d.reason())
                    .toList());
            assertThat(ours).as("every dead letter keyed by the venue").allMatch(d -> venue.equals(d.key()));
            assertThat(deadLetters(processor) - deadBefore).as("lap-processor's dead-letter counter").isEqualTo(6);
            // pitwall_lapsnapper_commands_total{command="unreadable"} is not asserted: it is not in the installed
            // ingest-lapsnapper yet (in progress there); logged to see when it arrives
            LOG.info("LapSnapper ingest: unreadable commands counted: {}", ingest.metric(
                    "pitwall_lapsnapper_commands_total", "command=\"unreadable\"", "result=\"dead_lettered\"")
                    .map(String::valueOf).orElse("(no such series)"));
            await().atMost(Duration.ofSeconds(30)).until(() -> server.simulator().receivedCommands().stream()
                    .map(ReceivedCommand::messageId).anyMatch(id -> id == 6401));

            await().atMost(Duration.ofSeconds(10)).until(() -> invalid(publisher, Topics.TIMING71_STATES.name())
                    > invalidStatesBefore && invalid(publisher, Topics.TIMING71_MANIFESTS.name()) > invalidManifestsBefore);
            assertThat(publisher.log()).as("the publisher's WARN line for the skipped documents")
                    .contains("Skipping", "poison-" + nonce);
            assertThat(processor.isAlive() && publisher.isAlive() && ingest.isAlive()).as("every service alive").isTrue();
        }
    }

    private static void assertDeadLettered(List<DeadLetter> ours, String topic, String nonce, String application) {
        List<DeadLetter> forTopic = ours.stream().filter(d -> d.topic().equals(topic)).toList();
        assertThat(forTopic).as("dead letters from " + topic).hasSize(2);
        DeadLetter garbage = forTopic.stream().filter(d -> Arrays.equals(d.value(), notAvro(topic, nonce)))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter of the non-Avro record of " + topic));
        assertThat(garbage.reason()).as("reason for the non-Avro record of " + topic).containsIgnoringCase("magic byte");
        DeadLetter unknown = forTopic.stream().filter(d -> Arrays.equals(d.value(), unknownSchemaId(topic)))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter of the unknown schema id of " + topic));
        assertThat(unknown.reason()).as("reason for the unknown schema id on " + topic)
                .contains(Integer.toString(schemaId(topic)));
        if (application != null) {
            assertThat(forTopic).extracting(DeadLetter::application).containsOnly(application);
        }
    }

    /** The dead letters of this test: their original value carries its nonce or one of its schema ids. */
    private static List<DeadLetter> ours(List<DeadLetter> all, String nonce) {
        return all.stream().filter(d -> d.value() != null && (new String(d.value(), StandardCharsets.ISO_8859_1)
                .contains(nonce) || Arrays.equals(d.value(), unknownSchemaId(d.topic())))).toList();
    }

    /** JSON, not the Confluent wire format (magic byte '{'). */
    private static byte[] notAvro(String topic, String nonce) {
        return ("{\"poison\":\"" + topic + "\",\"nonce\":\"" + nonce + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The wire format's magic byte and a schema id the registry never gave out, one per topic. */
    private static byte[] unknownSchemaId(String topic) {
        return ByteBuffer.allocate(9).put((byte) 0).putInt(schemaId(topic)).putInt(42).array();
    }

    private static int schemaId(String topic) {
        return 900_000 + Math.floorMod(topic.hashCode(), 1000) * 10 + 7;
    }

    private static byte[] invalidJson(String topic) {
        return ("{\"poison\": \"" + topic + "\", unterminated").getBytes(StandardCharsets.UTF_8);
    }

    private static double deadLetters(ServiceProcess processor) {
        return processor.metric("pitwall_processor_dead_letters_total").orElse(0.0);
    }

    private static double invalid(ServiceProcess publisher, String topic) {
        return publisher.metric("pitwall_publisher_records_invalid_total", "topic=\"" + topic + "\"").orElse(0.0);
    }
}
