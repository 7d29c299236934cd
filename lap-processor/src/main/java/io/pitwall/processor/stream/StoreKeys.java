package io.pitwall.processor.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Store keys for per-stream state. Strings are length-prefixed and numbers fixed-width big-endian with the
 * sign bit flipped, so the byte order of keys (the order of a RocksDB range scan) is numeric order:
 * all keys of one stream are contiguous and its sequences come out ascending.
 */
public final class StoreKeys {

    private StoreKeys() {
    }

    /** venue, stream, epoch: the key of a stream's position and the prefix of its held passings. */
    public static byte[] stream(StreamKey stream) {
        byte[] venue = stream.venueId().getBytes(StandardCharsets.UTF_8);
        byte[] id = stream.streamId().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + venue.length + 4 + id.length + 8)
                .putInt(venue.length).put(venue)
                .putInt(id.length).put(id)
                .putLong(orderPreserving(stream.streamEpoch()))
                .array();
    }

    /** A held passing: the stream prefix followed by the sequence. */
    public static byte[] sequence(StreamKey stream, long sequence) {
        byte[] prefix = stream(stream);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(orderPreserving(sequence)).array();
    }

    /** The first key after every key starting with {@code prefix} (for range scans). */
    public static byte[] endOfPrefix(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                byte[] trimmed = new byte[i + 1];
                System.arraycopy(end, 0, trimmed, 0, i + 1);
                return trimmed;
            }
        }
        return null;
    }

    public static StreamKey streamOf(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        byte[] venue = new byte[buffer.getInt()];
        buffer.get(venue);
        byte[] id = new byte[buffer.getInt()];
        buffer.get(id);
        long epoch = restore(buffer.getLong());
        return new StreamKey(new String(venue, StandardCharsets.UTF_8), new String(id, StandardCharsets.UTF_8), epoch);
    }

    public static long sequenceOf(byte[] key) {
        return restore(ByteBuffer.wrap(key, key.length - 8, 8).getLong());
    }

    private static long orderPreserving(long value) {
        return value ^ Long.MIN_VALUE;
    }

    private static long restore(long stored) {
        return stored ^ Long.MIN_VALUE;
    }
}
