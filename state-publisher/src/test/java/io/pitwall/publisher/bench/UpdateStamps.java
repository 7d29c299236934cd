package io.pitwall.publisher.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Tells which update a message is (its {@code lastUpdated}) from the first bytes of its payload, inflating
 * only the first copy of each distinct payload. The publisher compresses an update once and sends the same
 * bytes to every client, so the 10,000 copies of one update are identical: the first is inflated, the others
 * are recognised by comparing their prefix with the recent ones. The match is exact, not a hash: equal
 * compressed prefixes inflate to equal text, so they carry the same {@code lastUpdated}.
 *
 * <p>One per event loop, used only on that loop's thread.
 */
final class UpdateStamps {

    private static final byte[] MARK = "\"lastUpdated\":".getBytes(StandardCharsets.US_ASCII);
    /** Distinct payloads remembered; at 10 updates/s a few are enough, more only cost a longer miss. */
    private static final int SLOTS = 16;

    private final Inflater inflater = new Inflater(true);
    private final byte[] inflated = new byte[256];
    private final byte[][] prefixes = new byte[SLOTS][];
    private final int[] payloadLengths = new int[SLOTS];
    private final long[] stamps = new long[SLOTS];
    private int newest = -1;
    private long inflations;

    /**
     * @param prefix        the first bytes of the payload (enough to reach {@code lastUpdated})
     * @param n             how many of them are valid
     * @param payloadLength the whole payload's length
     * @param compressed    whether the frame had RSV1 set (a permessage-deflate payload)
     * @return the message's {@code lastUpdated}, or -1 when it has none (a manifest)
     */
    long lastUpdated(byte[] prefix, int n, int payloadLength, boolean compressed) {
        if (!compressed) {
            return find(prefix, n);
        }
        // newest first: a copy of the update that just went out is by far the most likely
        for (int i = 0, slot = newest; i < SLOTS && slot >= 0; i++, slot = (slot + SLOTS - 1) % SLOTS) {
            byte[] known = prefixes[slot];
            if (known != null && payloadLengths[slot] == payloadLength && Arrays.equals(known, 0, known.length, prefix, 0, n)) {
                return stamps[slot];
            }
        }
        long stamp = inflate(prefix, n);
        newest = (newest + 1) % SLOTS;
        prefixes[newest] = Arrays.copyOf(prefix, n);
        payloadLengths[newest] = payloadLength;
        stamps[newest] = stamp;
        return stamp;
    }

    /** How many payloads were inflated: about one per update per event loop when the bytes are shared. */
    long inflations() {
        return inflations;
    }

    void close() {
        inflater.end();
    }

    private long inflate(byte[] prefix, int n) {
        inflations++;
        inflater.reset();
        inflater.setInput(prefix, 0, n);
        try {
            return find(inflated, inflater.inflate(inflated, 0, inflated.length));
        } catch (DataFormatException e) {
            return -1;
        }
    }

    /** The number after {@code "lastUpdated":} in the first {@code n} bytes, or -1. */
    static long find(byte[] b, int n) {
        outer:
        for (int i = 0; i + MARK.length < n; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (b[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + MARK.length;
            while (k < n && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k++] - '0');
            }
            return k < n && k > i + MARK.length ? v : -1;
        }
        return -1;
    }
}
