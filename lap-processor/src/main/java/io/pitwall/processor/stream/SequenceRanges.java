package io.pitwall.processor.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of sequence numbers kept as sorted, disjoint half-open ranges {@code [from, to)}: the sequences a
 * stream skipped and has not delivered since. Gaps are few and mostly short, so a list is enough.
 */
public final class SequenceRanges {

    private final List<long[]> ranges = new ArrayList<>();

    public SequenceRanges() {
    }

    private SequenceRanges(List<long[]> ranges) {
        for (long[] range : ranges) {
            this.ranges.add(range.clone());
        }
    }

    public SequenceRanges copy() {
        return new SequenceRanges(ranges);
    }

    /** Adds {@code [from, to)}; ranges are added in increasing order by the reorder buffer, but any order works. */
    public void add(long from, long to) {
        if (from >= to) {
            return;
        }
        List<long[]> merged = new ArrayList<>();
        long newFrom = from;
        long newTo = to;
        boolean placed = false;
        for (long[] range : ranges) {
            if (range[1] < newFrom) {
                merged.add(range);
            } else if (range[0] > newTo) {
                if (!placed) {
                    merged.add(new long[] {newFrom, newTo});
                    placed = true;
                }
                merged.add(range);
            } else {
                newFrom = Math.min(newFrom, range[0]);
                newTo = Math.max(newTo, range[1]);
            }
        }
        if (!placed) {
            merged.add(new long[] {newFrom, newTo});
        }
        ranges.clear();
        ranges.addAll(merged);
    }

    public boolean contains(long sequence) {
        for (long[] range : ranges) {
            if (sequence >= range[0] && sequence < range[1]) {
                return true;
            }
            if (range[0] > sequence) {
                return false;
            }
        }
        return false;
    }

    /** Removes one sequence (it arrived late), splitting its range if needed. */
    public boolean remove(long sequence) {
        for (int i = 0; i < ranges.size(); i++) {
            long[] range = ranges.get(i);
            if (sequence >= range[0] && sequence < range[1]) {
                ranges.remove(i);
                if (sequence + 1 < range[1]) {
                    ranges.add(i, new long[] {sequence + 1, range[1]});
                }
                if (range[0] < sequence) {
                    ranges.add(i, new long[] {range[0], sequence});
                }
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ranges as {@code [from, to)} pairs, in order. */
    public List<long[]> asList() {
        List<long[]> copy = new ArrayList<>(ranges.size());
        for (long[] range : ranges) {
            copy.add(range.clone());
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SequenceRanges that) || that.ranges.size() != ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i)[0] != that.ranges.get(i)[0] || ranges.get(i)[1] != that.ranges.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (long[] range : ranges) {
            hash = 31 * hash + Long.hashCode(range[0]);
            hash = 31 * hash + Long.hashCode(range[1]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (long[] range : ranges) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(range[0]).append("..").append(range[1] - 1);
        }
        return text.append(']').toString();
    }
}
