package io.pitwall.schemas.internal;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe map with an upper bound on its size, for caches that sit on the per-record hot
 * path of serializers (schema ids, schemas, datum readers and writers).
 *
 * <p>Reads are lock-free ({@link ConcurrentHashMap#get}); when the bound is reached an arbitrary
 * entry is evicted. Pitwall's caches hold a handful of schemas, so the bound is a guard against a
 * misbehaving producer (for example one that builds a new schema per record), not a tuning knob:
 * precise LRU order is not worth a lock on every record.
 *
 * <p>Not part of Pitwall's public API.
 */
public final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int capacity;

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public V get(K key) {
        return entries.get(key);
    }

    /**
     * Returns the cached value or computes, caches and returns a new one. The computation runs
     * outside any lock, because it may be a blocking HTTP call: two threads that miss at the same
     * time may both compute, and the first stored value wins.
     */
    public V getOrCompute(K key, Function<? super K, ? extends V> compute) {
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        V computed = Objects.requireNonNull(compute.apply(key), "cache values must not be null");
        return putIfAbsent(key, computed);
    }

    /** Stores the value unless one is present; returns the value now in the cache. */
    public V putIfAbsent(K key, V value) {
        Objects.requireNonNull(value, "cache values must not be null");
        evictIfFull();
        V previous = entries.putIfAbsent(key, value);
        return previous != null ? previous : value;
    }

    public void put(K key, V value) {
        Objects.requireNonNull(value, "cache values must not be null");
        evictIfFull();
        entries.put(key, value);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }

    private void evictIfFull() {
        while (entries.size() >= capacity) {
            Iterator<K> keys = entries.keySet().iterator();
            if (!keys.hasNext()) {
                return;
            }
            entries.remove(keys.next());
        }
    }
}
