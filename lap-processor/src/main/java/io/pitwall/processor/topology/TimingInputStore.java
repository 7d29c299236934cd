package io.pitwall.processor.topology;

import io.pitwall.events.Passing;
import io.pitwall.processor.codec.AvroBytes;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.stream.StoreKeys;
import io.pitwall.processor.stream.StreamKey;
import io.pitwall.processor.timing71.Timing71Json;
import io.pitwall.processor.timing71.Timing71Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The inputs of each venue's current session, kept in one state store so the in-memory timing model can be
 * rebuilt after a restart or rebalance (its results are a function of these inputs). Keys start with the
 * venue (length-prefixed), then a kind byte: {@code C} the configuration, {@code K} a race-control action
 * (keyed by its own bytes, so a repeated action is stored once), {@code B} a bucket of passings keyed by stream,
 * epoch and {@link PassingBucket#of bucket} (one key per {@value PassingBucket#SEQUENCES} consecutive sequences,
 * so the record cache coalesces their writes), {@code M} an entry of the session's Timing71 message log keyed by its sequence number, {@code R} a
 * replaced session's Timing71 service uuid with the wall-clock time (ms) its state is to be tombstoned. The message
 * log is the one thing that is not a function of the inputs (it records differences between the screens that
 * were published), so it is kept rather than rebuilt.
 */
final class TimingInputStore {

    static final String NAME = "timing-inputs";

    private static final byte CONFIG = 'C';
    private static final byte CONTROL = 'K';
    /** One passing per key: how passings were stored before buckets; still read. */
    private static final byte PASSING = 'P';
    private static final byte BUCKET = 'B';
    private static final byte MESSAGE = 'M';
    private static final byte REMOVAL = 'R';
    private final AvroBytes<SessionConfig> configAvro = new AvroBytes<>(SessionConfig.class);
    private final AvroBytes<SessionControl> controlAvro = new AvroBytes<>(SessionControl.class);
    private final AvroBytes<Passing> passingAvro = new AvroBytes<>(Passing.class);

    private static final int MAX_OPEN_BUCKETS = 4_096;

    private final KeyValueStore<Bytes, byte[]> store;
    /**
     * Each stream's bucket written last, as written: the next passing of a stream goes into the same bucket, and
     * reading it back through the store's layers, or building and hashing its key again, cost as much as writing
     * it. This processor is the store's only writer, so what is here is what the store holds.
     */
    private final Map<StreamKey, OpenBucket> openBuckets = new HashMap<>();

    /** A stream's current bucket: its store key (built once), value and highest sequence. */
    private static final class OpenBucket {
        final long index;
        final Bytes key;
        byte[] value;
        long lastSequence;

        OpenBucket(long index, Bytes key, byte[] value) {
            this.index = index;
            this.key = key;
            this.value = value;
            this.lastSequence = value == null ? Long.MIN_VALUE : PassingBucket.lastSequence(value);
        }
    }

    TimingInputStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * Everything stored for one venue.
     *
     * @param messages the Timing71 message log by sequence number (oldest first)
     * @param removals replaced sessions' service uuids, with when (wall clock, ms) to tombstone them
     */
    record VenueInputs(SessionConfig config, List<SessionControl> controls, List<Passing> passings,
                       SortedMap<Long, Timing71Message> messages, Map<String, Long> removals) {
    }

    void putConfig(SessionConfig config) {
        store.put(key(config.getVenueId(), CONFIG, new byte[0]), configAvro.write(config));
    }

    void putControl(SessionControl control) {
        byte[] bytes = controlAvro.write(control);
        store.put(key(control.getVenueId(), CONTROL, bytes), bytes);
    }

    void putPassing(Passing passing) {
        putPassing(passing, passingAvro.write(passing));
    }

    /** Stores a passing whose Avro binary (as {@link AvroBytes} writes it) the caller already has. */
    void putPassing(Passing passing, byte[] avro) {
        OpenBucket bucket = openBucket(StreamKey.of(passing), passing.getSequence());
        long sequence = passing.getSequence();
        // a sequence after every one in the bucket (the usual case) cannot be a copy of an entry: no scan
        byte[] grown = sequence > bucket.lastSequence
                ? PassingBucket.appendNew(bucket.value, sequence, avro)
                : PassingBucket.append(bucket.value, sequence, avro);
        if (grown != null) {
            bucket.value = grown;
            bucket.lastSequence = Math.max(bucket.lastSequence, sequence);
            store.put(bucket.key, grown);
        }
    }

    void deletePassing(Passing passing) {
        StreamKey stream = StreamKey.of(passing);
        OpenBucket bucket = openBucket(stream, passing.getSequence());
        if (bucket.value != null) {
            byte[] rest = PassingBucket.without(bucket.value, passing.getSequence());
            if (rest == null) {
                openBuckets.remove(stream);
                store.delete(bucket.key);
            } else {
                bucket.value = rest;
                store.put(bucket.key, rest);
            }
        }
        byte[] id = StoreKeys.sequence(new StreamKey("", passing.getStreamId(), passing.getStreamEpoch()),
                passing.getSequence());
        store.delete(key(passing.getVenueId(), PASSING, id));
    }

    /** The bucket of {@code sequence}, opened (read from the store once) if it is not the stream's current one. */
    private OpenBucket openBucket(StreamKey stream, long sequence) {
        long index = PassingBucket.of(sequence);
        OpenBucket open = openBuckets.get(stream);
        if (open == null || open.index != index) {
            if (open == null && openBuckets.size() >= MAX_OPEN_BUCKETS) {
                openBuckets.clear(); // the streams still live come back with their next passing
            }
            byte[] id = StoreKeys.sequence(new StreamKey("", stream.streamId(), stream.streamEpoch()), index);
            Bytes key = key(stream.venueId(), BUCKET, id);
            open = new OpenBucket(index, key, store.get(key));
            openBuckets.put(stream, open);
        }
        return open;
    }

    void deleteControl(SessionControl control) {
        store.delete(key(control.getVenueId(), CONTROL, controlAvro.write(control)));
    }

    void putMessage(String venueId, long sequence, Timing71Message message) {
        store.put(key(venueId, MESSAGE, sequenceBytes(sequence)),
                message.toJsonText().getBytes(StandardCharsets.UTF_8));
    }

    void deleteMessage(String venueId, long sequence) {
        store.delete(key(venueId, MESSAGE, sequenceBytes(sequence)));
    }

    void putRemoval(String venueId, String uuid, long dueMillis) {
        store.put(key(venueId, REMOVAL, uuid.getBytes(StandardCharsets.UTF_8)), sequenceBytes(dueMillis));
    }

    void deleteRemoval(String venueId, String uuid) {
        store.delete(key(venueId, REMOVAL, uuid.getBytes(StandardCharsets.UTF_8)));
    }

    VenueInputs venue(String venueId) {
        byte[] prefix = venuePrefix(venueId);
        return scan(Bytes.wrap(prefix), Bytes.wrap(StoreKeys.endOfPrefix(prefix))).getOrDefault(venueId,
                new VenueInputs(null, List.of(), List.of(), new TreeMap<>(), Map.of()));
    }

    Map<String, VenueInputs> all() {
        return scan(null, null);
    }

    private Map<String, VenueInputs> scan(Bytes from, Bytes to) {
        Map<String, SessionConfig> configs = new LinkedHashMap<>();
        Map<String, List<SessionControl>> controls = new LinkedHashMap<>();
        Map<String, List<Passing>> passings = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Timing71Message>> messages = new LinkedHashMap<>();
        Map<String, Map<String, Long>> removals = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = from == null ? store.all() : store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                byte[] venueBytes = new byte[key.getInt()];
                key.get(venueBytes);
                String venue = new String(venueBytes, StandardCharsets.UTF_8);
                byte kind = key.get();
                switch (kind) {
                    case CONFIG -> configs.put(venue, configAvro.read(entry.value));
                    case CONTROL -> controls.computeIfAbsent(venue, v -> new ArrayList<>()).add(controlAvro.read(entry.value));
                    case PASSING -> passings.computeIfAbsent(venue, v -> new ArrayList<>()).add(passingAvro.read(entry.value));
                    case BUCKET -> {
                        List<Passing> list = passings.computeIfAbsent(venue, v -> new ArrayList<>());
                        PassingBucket.forEach(entry.value,
                                (sequence, bytes, offset, length) -> list.add(passingAvro.read(bytes, offset, length)));
                    }
                    case MESSAGE -> messages.computeIfAbsent(venue, v -> new TreeMap<>()).put(key.getLong(),
                            message(entry.value));
                    case REMOVAL -> {
                        byte[] uuid = new byte[key.remaining()];
                        key.get(uuid);
                        removals.computeIfAbsent(venue, v -> new LinkedHashMap<>()).put(
                                new String(uuid, StandardCharsets.UTF_8), ByteBuffer.wrap(entry.value).getLong());
                    }
                    default -> throw new IllegalStateException("unknown key kind " + kind + " in " + NAME);
                }
            }
        }
        Map<String, VenueInputs> venues = new LinkedHashMap<>();
        for (String venue : union(configs.keySet(), controls.keySet(), passings.keySet(), messages.keySet(),
                removals.keySet())) {
            venues.put(venue, new VenueInputs(configs.get(venue), controls.getOrDefault(venue, List.of()),
                    passings.getOrDefault(venue, List.of()), messages.getOrDefault(venue, new TreeMap<>()),
                    removals.getOrDefault(venue, Map.of())));
        }
        return venues;
    }

    @SafeVarargs
    private static List<String> union(java.util.Set<String>... sets) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        for (java.util.Set<String> set : sets) {
            all.addAll(set);
        }
        return new ArrayList<>(all);
    }

    private static Timing71Message message(byte[] json) {
        try {
            return Timing71Message.fromJson(Timing71Json.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("unreadable Timing71 message in " + NAME, e);
        }
    }

    private static byte[] sequenceBytes(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    private static byte[] venuePrefix(String venueId) {
        byte[] venue = venueId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + venue.length).putInt(venue.length).put(venue).array();
    }

    private static Bytes key(String venueId, byte kind, byte[] id) {
        byte[] prefix = venuePrefix(venueId);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 1 + id.length).put(prefix).put(kind).put(id).array());
    }
}
