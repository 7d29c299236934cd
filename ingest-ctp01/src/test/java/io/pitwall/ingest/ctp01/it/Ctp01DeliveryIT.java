package io.pitwall.ingest.ctp01.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.ingest.ctp01.session.SessionMetrics;
import io.pitwall.simulator.ctp01.BoxEvent;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path, against the independently written ChronoTrack simulator and a real broker and
 * registry: every observation of the box reaches {@code timing.passings} exactly once, in push and in
 * pull mode, through a new location, a connection cut mid-line and a restart of the ingest service.
 */
@ExtendWith(KafkaClusterExtension.class)
class Ctp01DeliveryIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final LocalDate EVENT_DATE = LocalDate.of(2025, 7, 26);
    private static final Instant RACE_START = Instant.parse("2025-07-26T12:00:00Z");
    private static final String USER = "timer";
    private static final String PASSWORD = "pit~wall €";

    /** Per mode: a different authentication method and time format, to cover them end to end too. */
    private static String[] venueOptions(String venue, String mode) {
        String p = "--ctp01.venue." + venue + ".";
        boolean push = mode.equals("push");
        return new String[] {
            "--ctp01.venues=" + venue,
            p + "password." + USER + "=" + PASSWORD,
            p + "stream-mode=" + mode,
            p + "authentication=" + (push ? "hmac-sha1" : "seed-md5"),
            p + "time-format=" + (push ? "normal" : "iso"),
            p + "time-zone=" + ZONE.getId(),
            p + "event-date=" + EVENT_DATE,
            p + "pull.batch=25",
            p + "pull.interval=100ms",
            p + "lines=finish:FINISH,s1:SECTOR:1,pitin:PIT_IN"};
    }

    private static ChronoTrackClient client(ChronoTrackBox box, int port) {
        return new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", port).withCredentials(USER, PASSWORD)
                .withReconnectDelay(Duration.ofMillis(100)));
    }

    private static ChronoTrackBox box(String venue) {
        return ChronoTrackBox.builder(venue + "-box").zone(ZONE).eventDate(EVENT_DATE).build();
    }

    /** Observations at the start line and the finish, a lap every 30 s per car, from 10 cars. */
    private static void race(ChronoTrackBox box, int from, int to, List<String> locations) {
        for (int i = from; i < to; i++) {
            String location = locations.get(i % locations.size());
            Instant time = RACE_START.plusMillis(i * 3_017L);
            box.observe(location, Integer.toString(100 + i % 10), time, null, 1 + i % 3, i / 10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "pull"})
    void deliversEveryObservationExactlyOnceAndPicksUpANewLocation(String mode, KafkaCluster cluster) throws Exception {
        String venue = "it-" + mode + "-" + UUID.randomUUID().toString().substring(0, 6);
        ChronoTrackBox box = box(venue);
        box.gunTime("finish", RACE_START.minusSeconds(60));
        race(box, 0, 60, List.of("finish", "s1"));

        try (IngestUnderTest service = IngestUnderTest.start(cluster, venue, venueOptions(venue, mode));
             TopicReader<Passing> passings = new TopicReader<>(cluster, Topics.PASSINGS.name(), Passing.class, venue);
             TopicReader<DecoderStatus> statuses = new TopicReader<>(cluster, Topics.DECODER_STATUS.name(),
                     DecoderStatus.class, venue);
             ChronoTrackClient client = client(box, service.port(venue))) {
            client.start();
            passings.awaitRecords(r -> r.size() >= 60, Duration.ofSeconds(60));

            // mid-event: a pit lane loop comes online, and the race goes on
            race(box, 60, 90, List.of("finish", "s1", "pitin"));
            List<BoxEvent> expected = observations(box);
            assertThat(expected).hasSize(90).anyMatch(e -> e.location().equals("pitin"));
            passings.awaitRecords(r -> r.size() >= expected.size(), Duration.ofSeconds(60));

            assertExactlyOnce(passings.readToEnd(), expected);
            List<DecoderStatus> status = statuses.awaitRecords(
                    r -> r.stream().anyMatch(s -> s.getKind() == DecoderStatusKind.GUN_TIME), Duration.ofSeconds(30));
            assertThat(status).extracting(DecoderStatus::getKind).contains(DecoderStatusKind.CONNECTED);
            DecoderStatus gun = status.stream().filter(s -> s.getKind() == DecoderStatusKind.GUN_TIME).findFirst()
                    .orElseThrow();
            assertThat(gun.getAttributes()).containsEntry("gunTime", RACE_START.minusSeconds(60).toString());
            assertThat(client.connections()).as("no reconnects were needed").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "pull"})
    void resumesAfterACutConnectionAndAfterARestartWithoutLossOrDuplicates(String mode, KafkaCluster cluster)
            throws Exception {
        String venue = "it-resume-" + mode + "-" + UUID.randomUUID().toString().substring(0, 6);
        ChronoTrackBox box = box(venue);
        int total = 240;
        AtomicInteger fed = new AtomicInteger();
        AtomicBoolean feeding = new AtomicBoolean(true);
        // the box keeps timing whatever happens to the server, as in the field
        Thread feeder = new Thread(() -> {
            while (fed.get() < total && feeding.get()) {
                int i = fed.getAndIncrement();
                race(box, i, i + 1, List.of("finish", "s1"));
                sleep(8);
            }
        }, "box-feeder");

        IngestUnderTest first = IngestUnderTest.start(cluster, venue + "-a", venueOptions(venue, mode));
        int port = first.port(venue);
        try (TopicReader<Passing> passings = new TopicReader<>(cluster, Topics.PASSINGS.name(), Passing.class, venue);
             ChronoTrackClient client = client(box, port)) {
            client.start();
            feeder.start();
            try {
                passings.awaitRecords(r -> r.size() >= 40, Duration.ofSeconds(60));
                client.faults().disconnectMidNextLine();
                await().atMost(Duration.ofSeconds(30)).until(() -> client.connections() >= 2 && client.isReady());
                passings.awaitRecords(r -> r.size() >= 100, Duration.ofSeconds(60));
                assertThat(duplicatesDropped(first)).as("the reconnect resumed exactly after the cut line").isZero();
            } finally {
                first.close();
            }
            int beforeRestart = passings.size();
            try (IngestUnderTest second = IngestUnderTest.start(cluster, venue + "-b",
                    concat(venueOptions(venue, mode), "--ctp01.port=" + port))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> client.connections() >= 3 && client.isReady());
                feeder.join(60_000);
                List<BoxEvent> expected = observations(box);
                assertThat(expected).hasSize(total);
                passings.awaitRecords(r -> r.size() >= expected.size(), Duration.ofSeconds(60));
                assertExactlyOnce(passings.readToEnd(), expected);
                assertThat(beforeRestart).as("the restart happened mid-stream").isLessThan(total);
                assertThat(duplicatesDropped(second)).as("the new instance resumed exactly after the stored positions")
                        .isZero();
            }
        } finally {
            feeding.set(false);
            feeder.join(10_000);
        }
    }

    private static List<BoxEvent> observations(ChronoTrackBox box) {
        List<BoxEvent> all = new ArrayList<>();
        box.locations().forEach(l -> box.events(l.name()).stream()
                .filter(e -> e.kind() == BoxEvent.Kind.OBSERVATION).forEach(all::add));
        return all;
    }

    /** Every box observation exactly once, with its tag, line and time as the box wrote it. */
    private static void assertExactlyOnce(List<Passing> passings, List<BoxEvent> expected) {
        Map<String, Long> copies = passings.stream().collect(Collectors.groupingBy(
                p -> p.getAttributes().get("location") + "#" + p.getSequence(), Collectors.counting()));
        assertThat(copies.entrySet()).as("passings published more than once")
                .filteredOn(e -> e.getValue() > 1).isEmpty();
        Map<String, Passing> byKey = passings.stream().collect(Collectors.toMap(
                p -> p.getAttributes().get("location") + "#" + p.getSequence(), Function.identity()));
        Map<String, BoxEvent> wanted = new HashMap<>();
        expected.forEach(e -> wanted.put(e.location() + "#" + e.sequence(), e));
        assertThat(byKey.keySet()).as("exactly the box's observations").containsExactlyInAnyOrderElementsOf(wanted.keySet());
        wanted.forEach((key, event) -> {
            Passing passing = byKey.get(key);
            assertThat(passing.getTransponder()).isEqualTo(event.tag());
            // the box writes hundredths, truncated
            assertThat(passing.getPassingTime()).isEqualTo(Instant.ofEpochMilli(event.time().toEpochMilli() / 10 * 10));
            assertThat(passing.getLine()).isEqualTo(switch (event.location()) {
                case "finish" -> LineKind.FINISH;
                case "s1" -> LineKind.SECTOR;
                default -> LineKind.PIT_IN;
            });
            assertThat(passing.getAttributes()).containsEntry("gator", Integer.toString(event.gator()))
                    .containsEntry("lapCount", Integer.toString(event.lapCount()));
        });
        assertThat(passings).extracting(Passing::getStreamId).allMatch(id -> id.split("/").length == 3);
    }

    /** Lines the service received and dropped as already seen: a resume at the wrong sequence shows here. */
    private static double duplicatesDropped(IngestUnderTest service) {
        return service.running.meterRegistry().find(SessionMetrics.DUPLICATES).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static String[] concat(String[] options, String more) {
        String[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = more;
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
