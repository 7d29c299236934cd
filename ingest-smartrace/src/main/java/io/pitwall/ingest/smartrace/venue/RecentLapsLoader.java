package io.pitwall.ingest.smartrace.venue;

import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.smartrace.mapping.PassingMapper;
import io.pitwall.ingest.smartrace.session.Line;
import io.pitwall.ingest.smartrace.session.RecentLaps;
import io.pitwall.schemas.catalog.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before sensors are accepted, reads back the Smartrace passings of the served venues written within
 * the dedupe window, so the laps sensors re-send when they reconnect to a restarted (or redeployed)
 * ingest are recognised as well — the in-memory memory of one process would miss exactly those.
 * Bounded by the window and by a deadline: if Kafka is slow, the service starts anyway and says so.
 */
public final class RecentLapsLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RecentLapsLoader.class);

    private final VenueDirectory venues;
    private final TopicSpec passings;
    private final Duration window;
    private final Duration deadline;
    private final Clock clock;

    public RecentLapsLoader(VenueDirectory venues, TopicSpec passings, Duration window, Duration deadline, Clock clock) {
        this.venues = venues;
        this.passings = passings;
        this.window = window;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** @return the number of crossings restored */
    public int load(Consumer<String, Object> consumer) {
        long started = System.nanoTime();
        long until = started + deadline.toNanos();
        List<TopicPartition> partitions = consumer.partitionsFor(passings.name(), deadline).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(p -> since.put(p, clock.millis() - window.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(since, deadline);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = from.get(p);
            consumer.seek(p, at != null ? at.offset() : ends.get(p));
        }
        int restored = 0;
        while (!caughtUp(consumer, ends)) {
            if (System.nanoTime() - until > 0) {
                LOG.warn("Recent Smartrace laps not fully read within {}; starting anyway (re-sent laps from before the "
                        + "restart may be published twice)", deadline);
                return restored;
            }
            try {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    restored += restore(record) ? 1 : 0;
                }
            } catch (RecordDeserializationException e) {
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
        LOG.info("Restored {} recent Smartrace crossings of venues {} in {} ms, to recognise laps re-sent after a restart",
                restored, venues.venueIds(), (System.nanoTime() - started) / 1_000_000);
        return restored;
    }

    private boolean restore(ConsumerRecord<String, Object> record) {
        if (record.key() == null || !(record.value() instanceof Passing passing) || passing.getSource() != Source.SMARTRACE) {
            return false;
        }
        Optional<VenueState> venue = venues.venue(record.key());
        String timestamp = passing.getAttributes().get(PassingMapper.SENSOR_TIMESTAMP);
        Line line = lineOf(passing.getAttributes().get(PassingMapper.LINE));
        if (venue.isEmpty() || timestamp == null || line == null) {
            return false;
        }
        try {
            RecentLaps.Key key = new RecentLaps.Key(line, Integer.parseInt(passing.getTransponder()), Long.parseLong(timestamp));
            venue.get().recentLaps().restore(key, passing.getPassingTime().toEpochMilli(),
                    passing.getReceivedAt().toEpochMilli());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Line lineOf(String messageType) {
        for (Line line : Line.values()) {
            if (line.messageType().equals(messageType)) {
                return line;
            }
        }
        return null;
    }

    private static boolean caughtUp(Consumer<String, Object> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
