package io.pitwall.ingest.ctp01.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.Ports;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ClientConfig;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every authentication method, as the simulator (an independent implementation of the digests)
 * computes it: the right password is accepted, a wrong one refused, counted and reported, and the
 * client disconnected. One service process serves a venue per method, each on its own port since the
 * method is part of the greeting.
 */
@ExtendWith(KafkaClusterExtension.class)
class Ctp01AuthenticationIT {

    private static final List<String> METHODS = List.of("plaintext", "hmac-sha1", "hmac-md5", "seed-sha1", "seed-md5");
    private static final String PASSWORD = "Sekr€t~7";

    @Test
    void everyMethodAcceptsTheRightPasswordAndRefusesAWrongOne(KafkaCluster cluster) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> venueByMethod = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();
        for (String method : METHODS) {
            String venue = "auth-" + method + "-" + run;
            venueByMethod.put(method, venue);
            String p = "--ctp01.venue." + venue + ".";
            options.add(p + "port=" + Ports.findFree());
            options.add(p + "authentication=" + method);
            options.add(p + "password.user-" + method + "=" + PASSWORD);
        }
        options.add("--ctp01.venues=" + String.join(",", venueByMethod.values()));

        List<ChronoTrackClient> right = new ArrayList<>();
        List<ChronoTrackClient> wrong = new ArrayList<>();
        try (IngestUnderTest service = IngestUnderTest.start(cluster, "auth-" + run, options.toArray(String[]::new))) {
            for (String method : METHODS) {
                String venue = venueByMethod.get(method);
                ClientConfig config = ClientConfig.of("127.0.0.1", service.port(venue))
                        .withCredentials("user-" + method, PASSWORD).withReconnectDelay(null);
                ChronoTrackClient good = new ChronoTrackClient(ChronoTrackBox.builder(venue + "-good").build(), config);
                ChronoTrackClient bad = new ChronoTrackClient(ChronoTrackBox.builder(venue + "-bad").build(), config);
                bad.faults().wrongPassword(true);
                right.add(good);
                wrong.add(bad);
                good.start();
                bad.start();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(right).allMatch(ChronoTrackClient::isReady);
                assertThat(wrong).allMatch(c -> c.authorizationRejections() == 1);
            });
            assertThat(wrong).allMatch(c -> c.sessionsReady() == 0);
            assertThat(right).allMatch(c -> c.authorizationRejections() == 0);

            String metrics = service.running.meterRegistry().scrape();
            for (String venue : venueByMethod.values()) {
                assertThat(metrics).containsPattern("pitwall_ctp01_handshake_failures_total\\{[^}]*reason=\"wrong_password\""
                        + "[^}]*venue=\"" + venue + "\"[^}]*} 1.0");
                assertThat(metrics).containsPattern("pitwall_ingest_connections\\{[^}]*venue=\"" + venue + "\"[^}]*} 1.0");
            }
            assertThat(metrics).doesNotContain(PASSWORD);

            for (String venue : venueByMethod.values()) {
                try (TopicReader<DecoderStatus> statuses = new TopicReader<>(cluster, Topics.DECODER_STATUS.name(),
                        DecoderStatus.class, venue)) {
                    List<DecoderStatus> seen = statuses.awaitRecords(r -> r.size() >= 2, Duration.ofSeconds(30));
                    assertThat(seen).extracting(DecoderStatus::getKind)
                            .contains(DecoderStatusKind.CONNECTED, DecoderStatusKind.HANDSHAKE_FAILED);
                    assertThat(seen.toString()).doesNotContain(PASSWORD);
                }
            }
        } finally {
            right.forEach(ChronoTrackClient::close);
            wrong.forEach(ChronoTrackClient::close);
        }
    }
}
