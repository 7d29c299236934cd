package io.pitwall.ingest.lapsnapper.commands;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which command offsets are finished, per partition, so that the committed offset never passes a command that
 * is still waiting for its decoder: the commit position of a partition is its lowest unfinished offset, or the
 * next offset to fetch when nothing is open. After a restart the consumer group therefore re-reads exactly the
 * commands that were not carried out (or dropped) yet. Thread-safe: offsets finish on Netty event loops.
 */
final class OffsetProgress {

    private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A record was fetched and is now being handled. */
    synchronized void fetched(TopicPartition partition, long offset) {
        open.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    /** The record at {@code offset} is finished (carried out, refused, expired or not ours). */
    synchronized void done(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = open.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** Commit positions that moved since the last {@link #committed}. */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeSet<Long> offsets = open.get(partition);
            long position = offsets == null || offsets.isEmpty() ? nextOffset : offsets.first();
            Long last = committed.get(partition);
            if (last == null || last != position) {
                result.put(partition, new OffsetAndMetadata(position));
            }
        });
        return result;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** Forgets partitions this consumer no longer owns. */
    synchronized void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            open.remove(p);
            next.remove(p);
            committed.remove(p);
        });
    }
}
