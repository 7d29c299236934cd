package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.events.DecoderCommand;
import io.pitwall.ingest.core.publish.TransientFailures;
import io.pitwall.schemas.catalog.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code timing.commands} and hands the commands of this ingest's venues to the {@link CommandDispatcher}.
 *
 * <p><b>Offsets.</b> The consumer group is this ingest instance's own ({@code <service.id>-commands} by default),
 * so every instance sees every command and picks its venues; auto-commit is off. An offset is committed only
 * once its command is finished (sent, refused, expired, duplicate or not ours) and never past a command still
 * waiting for its decoder ({@link OffsetProgress}). After a restart the group resumes at the first unfinished
 * command, so commands issued while the ingest was down are still carried out if they are younger than
 * {@code lapsnapper.commands.max.age}; older ones are reported EXPIRED. A brand-new group starts at the earliest
 * retained offset, and the age limit keeps it from replaying a week of old commands.
 *
 * <p>The remaining window for a command to run twice is a crash between writing it to the decoder and committing
 * its offset (the commit follows the write within a poll interval); the {@code commandId} guard covers
 * re-deliveries within one process.
 *
 * <p>A record that cannot be deserialized goes to the dead-letter topic; one that fails because the schema
 * registry is unreachable is retried (it is fine, the registry is not).
 */
public final class CommandConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumerFactory;
    private final Deserializer<DecoderCommand> deserializer;
    private final CommandDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final String topic = Topics.COMMANDS.name();
    private final OffsetProgress progress = new OffsetProgress();
    private final Thread thread;
    private volatile boolean closing;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean assigned;

    public CommandConsumer(Supplier<Consumer<String, byte[]>> consumerFactory, Deserializer<DecoderCommand> deserializer,
                           CommandDispatcher dispatcher, DeadLetters deadLetters) {
        this.consumerFactory = consumerFactory;
        this.deserializer = deserializer;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, "lapsnapper-commands");
        this.thread.setDaemon(true);
    }

    public void start() {
        consumer = consumerFactory.get();
        thread.start();
    }

    /** Whether the group has assigned partitions to this consumer (commands can arrive). */
    public boolean isAssigned() {
        return assigned;
    }

    @Override
    public void close() {
        closing = true;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deserializer.close();
    }

    private void run() {
        Consumer<String, byte[]> c = consumer;
        try {
            c.subscribe(List.of(topic), new Rebalance(c));
            while (!closing) {
                try {
                    ConsumerRecords<String, byte[]> records = c.poll(POLL);
                    handle(c, records);
                    commit(c);
                } catch (WakeupException e) {
                    // a command finished (commit it now) or we are closing
                } catch (KafkaException e) {
                    if (closing) {
                        break;
                    }
                    LOG.warn("Command consumer: {}; retrying in {} ms", e.toString(), RETRY_PAUSE.toMillis());
                    sleep(RETRY_PAUSE);
                }
            }
            commitQuietly(c);
        } catch (RuntimeException e) {
            LOG.error("Command consumer stopped: remote control is off until the ingest restarts", e);
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    private void handle(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> retryLater = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (retryLater.contains(partition)) {
                continue; // seeked back: this partition's later records come again in order
            }
            if (record.key() == null || !dispatcher.serves(record.key()) || record.value() == null) {
                progress.fetched(partition, record.offset());
                progress.done(partition, record.offset());
                continue;
            }
            DecoderCommand command;
            try {
                command = deserializer.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    LOG.warn("Command at {}-{}@{} cannot be read now ({}); retrying", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    c.seek(partition, record.offset());
                    retryLater.add(partition);
                    continue;
                }
                progress.fetched(partition, record.offset());
                deadLetters.write(record, e);
                progress.done(partition, record.offset());
                continue;
            }
            progress.fetched(partition, record.offset());
            if (!dispatcher.serves(command.getVenueId())) {
                LOG.warn("Command {} at {}-{}@{} is keyed by venue {} but names venue {}; ignored",
                        command.getCommandId(), record.topic(), record.partition(), record.offset(), record.key(),
                        command.getVenueId());
                progress.done(partition, record.offset());
                continue;
            }
            long offset = record.offset();
            dispatcher.submit(command, () -> {
                progress.done(partition, offset);
                Consumer<String, byte[]> current = consumer;
                if (current != null && Thread.currentThread() != thread) {
                    current.wakeup(); // commit promptly: this is what narrows the run-twice window
                }
            });
        }
        if (!retryLater.isEmpty()) {
            sleep(RETRY_PAUSE);
        }
    }

    private void commit(Consumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = progress.toCommit();
        if (!offsets.isEmpty()) {
            c.commitSync(offsets, COMMIT_TIMEOUT);
            progress.committed(offsets);
        }
    }

    private void commitQuietly(Consumer<String, byte[]> c) {
        try {
            commit(c);
        } catch (KafkaException e) {
            LOG.warn("Could not commit command offsets on close: {}", e.toString());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits what is finished before partitions move away, and forgets them afterwards. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<String, byte[]> c;

        Rebalance(Consumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitQuietly(c);
            progress.revoked(partitions);
            assigned = false;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            LOG.info("Command consumer assigned {}", partitions);
        }
    }
}
