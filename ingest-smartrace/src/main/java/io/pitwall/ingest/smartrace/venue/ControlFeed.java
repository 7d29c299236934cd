package io.pitwall.ingest.smartrace.venue;

import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.schemas.catalog.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served venues' {@link VenueState}s current from Kafka: the session configuration (entry
 * list → controller data) from the compacted sessions topic, read from the beginning, and race control
 * from the session-control topic, read from {@code lookback} ago. No consumer group: the partitions are
 * assigned, nothing is committed, every instance reads everything it needs at every start.
 *
 * <p>Sessions are read up to their end before race control is assigned, so a venue's configuration is
 * known before its race-control history is replayed onto it (a configuration after a START would
 * otherwise reset the replayed status). Once both are caught up the venues {@linkplain
 * VenueDirectory#goLive() go live} and push changes to their sensors. Records that cannot be
 * deserialized are skipped and logged; the feed never stops for them. Runs on its own daemon thread.
 */
public final class ControlFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<Consumer<String, Object>> consumerFactory;
    private final VenueDirectory venues;
    private final TopicSpec sessionsTopic;
    private final TopicSpec controlTopic;
    private final Duration lookback;
    private final Clock clock;
    private final Thread thread;
    private volatile Consumer<String, Object> consumer;
    private volatile boolean closed;
    private volatile boolean live;

    public ControlFeed(Supplier<Consumer<String, Object>> consumerFactory, VenueDirectory venues,
            TopicSpec sessionsTopic, TopicSpec controlTopic, Duration lookback, Clock clock) {
        this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
        this.venues = Objects.requireNonNull(venues, "venues");
        this.sessionsTopic = Objects.requireNonNull(sessionsTopic, "sessionsTopic");
        this.controlTopic = Objects.requireNonNull(controlTopic, "controlTopic");
        this.lookback = Objects.requireNonNull(lookback, "lookback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::run, "smartrace-control-feed");
        this.thread.setDaemon(true);
    }

    public ControlFeed start() {
        thread.start();
        return this;
    }

    /** True once sessions and race control were read up to where they ended at start-up. */
    public boolean isLive() {
        return live;
    }

    @Override
    public void close() {
        closed = true;
        Consumer<String, Object> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try (Consumer<String, Object> c = consumerFactory.get()) {
                consumer = c;
                if (closed) {
                    return;
                }
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Reading race control from Kafka failed, starting over in 5 s: {}", e.toString());
                sleep(Duration.ofSeconds(5));
            }
        }
    }

    private void follow(Consumer<String, Object> c) {
        List<TopicPartition> sessions = partitions(c, sessionsTopic);
        c.assign(sessions);
        c.seekToBeginning(sessions);
        catchUp(c, sessions);

        List<TopicPartition> control = partitions(c, controlTopic);
        List<TopicPartition> all = new ArrayList<>(sessions);
        all.addAll(control);
        c.assign(all);
        seekToLookback(c, control);
        catchUp(c, control);
        if (!live) {
            live = true;
            venues.goLive();
            LOG.info("Race control of venues {} read; sensors now get live updates", venues.venueIds());
        }
        while (!closed) {
            handle(c, poll(c));
        }
    }

    private List<TopicPartition> partitions(Consumer<String, Object> c, TopicSpec topic) {
        while (!closed) {
            List<PartitionInfo> infos = c.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOG.warn("Topic {} not found; waiting for it", topic.name());
            sleep(Duration.ofSeconds(5));
        }
        throw new WakeupException();
    }

    private void seekToLookback(Consumer<String, Object> c, List<TopicPartition> partitions) {
        long since = clock.millis() - lookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query, Duration.ofSeconds(30));
        List<TopicPartition> none = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = offsets.get(p);
            if (at == null) {
                none.add(p);
            } else {
                c.seek(p, at.offset());
            }
        }
        c.seekToEnd(none);
    }

    /** Reads {@code partitions} up to the end offsets they have now (other assigned partitions too). */
    private void catchUp(Consumer<String, Object> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
        while (!closed && !reached(c, ends)) {
            handle(c, poll(c));
        }
    }

    private static boolean reached(Consumer<String, Object> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (c.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private ConsumerRecords<String, Object> poll(Consumer<String, Object> c) {
        try {
            return c.poll(POLL);
        } catch (RecordDeserializationException e) {
            // a poison record: skip it and say so, never stop following race control because of one
            LOG.warn("Skipping unreadable record {} at offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
            c.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private void handle(Consumer<String, Object> c, ConsumerRecords<String, Object> records) {
        for (ConsumerRecord<String, Object> record : records) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            venues.venue(record.key()).ifPresent(venue -> apply(venue, record.value()));
        }
    }

    private static void apply(VenueState venue, Object value) {
        if (value instanceof SessionConfig config && venue.venueId().equals(config.getVenueId())) {
            venue.apply(config);
        } else if (value instanceof SessionControl control && venue.venueId().equals(control.getVenueId())) {
            venue.apply(control);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
