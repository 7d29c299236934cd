package io.pitwall.processor.timing.lap;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list that only grows, handing out immutable snapshots of what it holds without copying: a snapshot keeps
 * the elements it saw, whatever is appended later. A lap walk is continued crossing by crossing and its result
 * read after each one; copying the car's laps and crossings for every passing made a long session quadratic.
 * Not thread-safe.
 */
final class GrowingList<T> {

    private Object[] elements = new Object[16];
    private int size;

    void add(T element) {
        if (size == elements.length) {
            // the old array stays with the snapshots that use it; they never read past their own size
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size++] = element;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (T) elements[index];
    }

    /** The elements added so far, as an immutable list. */
    List<T> snapshot() {
        return size == 0 ? List.of() : new Snapshot<>(elements, size);
    }

    /** Whether {@code list} is one of the immutable snapshots (so it need not be copied to be kept). */
    static boolean isSnapshot(List<?> list) {
        return list instanceof Snapshot;
    }

    private static final class Snapshot<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] elements;
        private final int size;

        Snapshot(Object[] elements, int size) {
            this.elements = elements;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return (T) elements[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
