package io.pitwall.processor.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The value of one bucket of a stream's stored passings: entries of {@code [sequence: 8][length: 4][Avro]}
 * in arrival order. Passings are stored a bucket of consecutive sequences per key, rather than one key each,
 * so that the store's record cache coalesces the writes of a bucket between two commits: a commit then writes
 * one RocksDB entry and one changelog record per bucket touched instead of one per passing (during a replay,
 * per-record store and changelog work was most of the cost of a passing).
 *
 * <p>Two different versions of one sequence are both kept (the timing model keeps the canonical one whatever
 * the order, so a rebuilt session equals the live one); an identical copy is not stored twice.
 */
final class PassingBucket {

    /** Consecutive sequences per bucket: large enough to coalesce, small enough to rewrite cheaply. */
    static final int SEQUENCES = 16;

    private static final int HEADER = 8 + 4;

    private PassingBucket() {
    }

    /** The bucket a sequence belongs to. */
    static long of(long sequence) {
        return Math.floorDiv(sequence, SEQUENCES);
    }

    /** {@code bucket} (null for none) with the entry added, or null when that exact entry is there already. */
    static byte[] append(byte[] bucket, long sequence, byte[] avro) {
        if (bucket != null && contains(bucket, sequence, avro)) {
            return null;
        }
        return appendNew(bucket, sequence, avro);
    }

    /** {@code bucket} (null for none) with the entry added; the caller knows the bucket has no entry of {@code sequence}. */
    static byte[] appendNew(byte[] bucket, long sequence, byte[] avro) {
        int length = bucket == null ? 0 : bucket.length;
        byte[] grown = bucket == null ? new byte[HEADER + avro.length] : Arrays.copyOf(bucket, length + HEADER + avro.length);
        ByteBuffer.wrap(grown, length, HEADER + avro.length).putLong(sequence).putInt(avro.length).put(avro);
        return grown;
    }

    /** {@code bucket} without any entry of {@code sequence}; null when nothing is left. */
    static byte[] without(byte[] bucket, long sequence) {
        ByteBuffer kept = ByteBuffer.allocate(bucket.length);
        forEach(bucket, (entrySequence, bytes, offset, length) -> {
            if (entrySequence != sequence) {
                kept.putLong(entrySequence).putInt(length).put(bytes, offset, length);
            }
        });
        return kept.position() == 0 ? null : Arrays.copyOf(kept.array(), kept.position());
    }

    /** Each entry, in the order stored. @throws IllegalStateException for a value that is not a bucket */
    static void forEach(byte[] bucket, EntryConsumer consumer) {
        ByteBuffer buffer = ByteBuffer.wrap(bucket);
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < HEADER) {
                throw new IllegalStateException("truncated passing bucket (" + bucket.length + " bytes)");
            }
            long sequence = buffer.getLong();
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalStateException("corrupt passing bucket: entry of " + length + " bytes with "
                        + buffer.remaining() + " left");
            }
            consumer.accept(sequence, bucket, buffer.position(), length);
            buffer.position(buffer.position() + length);
        }
    }

    /** The highest sequence in a bucket. */
    static long lastSequence(byte[] bucket) {
        long[] last = {Long.MIN_VALUE};
        forEach(bucket, (sequence, bytes, offset, length) -> last[0] = Math.max(last[0], sequence));
        return last[0];
    }

    private static boolean contains(byte[] bucket, long sequence, byte[] avro) {
        boolean[] found = {false};
        forEach(bucket, (entrySequence, bytes, offset, length) -> found[0] |= entrySequence == sequence
                && Arrays.equals(bytes, offset, offset + length, avro, 0, avro.length));
        return found[0];
    }

    /** One entry: the Avro bytes are {@code bytes[offset, offset + length)}. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(long sequence, byte[] bytes, int offset, int length);
    }
}
