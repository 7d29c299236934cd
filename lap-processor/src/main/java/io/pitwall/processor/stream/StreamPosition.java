package io.pitwall.processor.stream;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where a stream stands: the next sequence expected in order, and the sequences skipped and still missing
 * (a late one among them is forwarded, a second copy of it is a duplicate). Sequences below the first one
 * ever seen count as missing too, so a stream whose first passings arrive out of order loses nothing.
 */
public record StreamPosition(long nextExpected, SequenceRanges missing) {

    public static StreamPosition startingAt(long firstSeen) {
        SequenceRanges missing = new SequenceRanges();
        missing.add(Long.MIN_VALUE, firstSeen);
        return new StreamPosition(firstSeen, missing);
    }

    public byte[] toBytes() {
        List<long[]> ranges = missing.asList();
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 + ranges.size() * 16);
        buffer.putLong(nextExpected).putInt(ranges.size());
        for (long[] range : ranges) {
            buffer.putLong(range[0]).putLong(range[1]);
        }
        return buffer.array();
    }

    public static StreamPosition fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long next = buffer.getLong();
        int count = buffer.getInt();
        SequenceRanges missing = new SequenceRanges();
        for (int i = 0; i < count; i++) {
            missing.add(buffer.getLong(), buffer.getLong());
        }
        return new StreamPosition(next, missing);
    }
}
