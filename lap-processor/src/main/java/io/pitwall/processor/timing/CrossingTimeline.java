package io.pitwall.processor.timing;

import io.pitwall.processor.timing.lap.Crossing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * One car's crossings in their total order (time, then stream, epoch and sequence), each at most once. Almost
 * every crossing comes after all the others, so it is kept in an array: appending is one comparison, and only a
 * late crossing pays for a binary search and a shift. A tree set, which this replaces, chased a pointer per level
 * for every crossing of every car, which dominated the timing of a passing in a large replay.
 */
final class CrossingTimeline implements Iterable<Crossing> {

    private final ArrayList<Crossing> crossings = new ArrayList<>();
    /** The earliest crossing that carries a name, null if none: asked for every passing of a car not on the entry list. */
    private Crossing firstNamed;

    /**
     * Adds a crossing (nothing happens if an equal one is there).
     *
     * @return whether a crossing already there comes after it (it is late)
     */
    boolean add(Crossing crossing) {
        int size = crossings.size();
        if (size == 0 || crossings.get(size - 1).compareTo(crossing) < 0) {
            crossings.add(crossing);
            noteNamed(crossing);
            return false;
        }
        int found = Collections.binarySearch(crossings, crossing);
        if (found >= 0) {
            return found < size - 1;
        }
        crossings.add(-found - 1, crossing);
        noteNamed(crossing);
        return true;
    }

    private void noteNamed(Crossing crossing) {
        if (isNamed(crossing) && (firstNamed == null || crossing.compareTo(firstNamed) < 0)) {
            firstNamed = crossing;
        }
    }

    private static boolean isNamed(Crossing crossing) {
        return crossing.name() != null && !crossing.name().isBlank();
    }

    /** The earliest crossing whose hardware gave a name (non-blank), null if none has. */
    Crossing firstNamed() {
        return firstNamed;
    }

    private void findFirstNamed() {
        firstNamed = null;
        for (Crossing crossing : crossings) {
            if (isNamed(crossing)) {
                firstNamed = crossing;
                return;
            }
        }
    }

    /** Adds crossings in any order at once (a rebuilt session): sorted once instead of inserted one by one. */
    void addAll(Collection<Crossing> unordered) {
        crossings.addAll(unordered);
        crossings.sort(null);
        // equal crossings (same time and passing key) are one
        for (int i = crossings.size() - 1; i > 0; i--) {
            if (crossings.get(i).compareTo(crossings.get(i - 1)) == 0) {
                crossings.remove(i);
            }
        }
        findFirstNamed();
    }

    void remove(Crossing crossing) {
        int found = Collections.binarySearch(crossings, crossing);
        if (found >= 0) {
            Crossing removed = crossings.remove(found);
            if (removed == firstNamed) {
                findFirstNamed();
            }
        }
    }

    List<Crossing> asList() {
        return Collections.unmodifiableList(crossings);
    }

    @Override
    public Iterator<Crossing> iterator() {
        return asList().iterator();
    }
}
