package io.pitwall.ingest.smartrace.venue;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.config;
import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.control;
import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.ControlAction;
import io.pitwall.ingest.smartrace.codec.EventStatus;
import io.pitwall.ingest.smartrace.mapping.ControllerDataMapper;
import io.pitwall.schemas.catalog.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ControlFeedTest {

    static final Instant T0 = Instant.parse("2024-08-04T10:00:00Z");

    final TopicPartition sessions = new TopicPartition(Topics.SESSIONS.name(), 0);
    final TopicPartition control = new TopicPartition(Topics.SESSION_CONTROL.name(), 0);
    final VenueDirectory venues = new VenueDirectory(Set.of("club-a"), new ControllerDataMapper(6), Duration.ofMinutes(5));

    @Test
    void readsTheSessionThenRaceControlThenGoesLiveAndFollows() throws Exception {
        // MockConsumer does not implement offsetsForTimes: the lookback finds the control record at offset 0
        MockConsumer<String, Object> consumer = new MockConsumer<>("earliest") {
            @Override
            public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query, Duration timeout) {
                assertThat(query).containsEntry(control, T0.plusSeconds(60).minus(Duration.ofHours(12)).toEpochMilli());
                return Map.of(control, new OffsetAndTimestamp(0, T0.toEpochMilli()));
            }
        };
        consumer.updatePartitions(sessions.topic(), List.of(new PartitionInfo(sessions.topic(), 0, null, null, null)));
        consumer.updatePartitions(control.topic(), List.of(new PartitionInfo(control.topic(), 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(sessions, 0L, control, 0L));
        consumer.updateEndOffsets(Map.of(sessions, 2L, control, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(sessions.topic(), 0, 0, "club-b", config("club-b", "x", T0)));
            consumer.addRecord(new ConsumerRecord<>(sessions.topic(), 0, 1, "club-a",
                    config("club-a", "s1", T0, entry("7", "Nic", "BMW", "1"))));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(control.topic(), 0, 0, "club-a",
                control("club-a", ControlAction.START, null, T0.plusSeconds(10)))));

        try (ControlFeed feed = new ControlFeed(() -> consumer, venues, Topics.SESSIONS, Topics.SESSION_CONTROL,
                Duration.ofHours(12), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).start()) {
            awaitTrue(feed::isLive);
            VenueState venue = venues.venue("club-a").orElseThrow();
            assertThat(venue.controllerData().controllers().get("1").driver()).isEqualTo("Nic");
            assertThat(venue.status().event()).isEqualTo(EventStatus.RUNNING);

            consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(control.topic(), 0, 1, "club-a",
                    control("club-a", ControlAction.STOP, null, T0.plusSeconds(20)))));
            awaitTrue(() -> venue.status().event() == EventStatus.ENDED);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within 10 s").isNegative();
            Thread.sleep(10);
        }
    }
}
