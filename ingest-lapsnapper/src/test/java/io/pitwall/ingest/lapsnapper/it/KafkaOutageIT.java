package io.pitwall.ingest.lapsnapper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.schemas.catalog.Topics;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulator;
import io.pitwall.simulator.lapsnapper.LapSnapperSimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * LapSnapper cannot be asked to send a time event again, so the ingest must hold what it received while Kafka is
 * away. A broker of its own (stopped for ten seconds while passings keep coming), the shared registry.
 */
@ExtendWith(KafkaClusterExtension.class)
class KafkaOutageIT {

    @TempDir
    Path dataDir;

    @Test
    void kafkaStoppedForTenSecondsAndRestartedLosesNoPassing(KafkaCluster shared) throws Exception {
        String venue = "it-outage";
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger published = new AtomicInteger();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(dataDir.resolve("kafka")).build().start();
             LapSnapperSimulator simulator = LapSnapperSimulator.start(LapSnapperSimulatorConfig.defaults()
                     .withPort(0).withHeartbeatInterval(Duration.ofMillis(200)));
             IngestUnderTest ingest = IngestUnderTest.start(kafka.bootstrapServers(), shared.schemaRegistryUrl(),
                     "--lapsnapper.servers=" + venue + "@127.0.0.1:" + simulator.port(),
                     "--lapsnapper.commands.enabled=false", "--publish.stall.threshold=2s");
             EventCollector<Passing> passings = new EventCollector<>(kafka.bootstrapServers(),
                     shared.schemaRegistryUrl(), Topics.PASSINGS.name(), Passing.class, venue)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.handshakenClients() == 1);
            long t0 = System.currentTimeMillis();
            // a car every 100 ms, before, during and after the outage
            feed.scheduleAtFixedRate(() -> simulator.publish(10_001 + published.get() % 8, 1, null,
                    t0 + published.incrementAndGet() * 100L, 1), 0, 100, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> passings.values().size() >= 10);

            kafka.stop();
            int beforeOutage = published.get();
            Thread.sleep(10_000);
            int duringOutage = published.get() - beforeOutage;
            kafka.start();
            Thread.sleep(2_000);
            feed.shutdown();
            assertThat(feed.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            int total = published.get();

            assertThat(duringOutage).as("passings kept coming while Kafka was down").isGreaterThan(50);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(passings.values().stream().map(Passing::getSequence).distinct()).hasSize(total));
            List<Passing> received = passings.values();
            assertThat(received).extracting(Passing::getSequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(received).extracting(Passing::getStreamEpoch).containsOnly(received.get(0).getStreamEpoch());
            assertThat(ingest.connections().get(0).isReady()).as("the LapSnapper link never dropped").isTrue();
        } finally {
            feed.shutdownNow();
        }
    }
}
