package io.pitwall.simulator.ctp01;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated ChronoTrack timing box: its locations, each with its own stream of numbered tag
 * events, and the identity it reports to servers. The box outlives connections, so its connection
 * id and sequence numbers are the same after a reconnect, which is what lets a server resume.
 *
 * <p>Thread-safe: a race generator may feed it from any thread while clients read it on their
 * event loops.
 */
public final class ChronoTrackBox {

    /** A box numbers each location's events from 1 up to this. */
    public static final int MAX_SEQUENCE = 999_999;
    static final int MAX_LOCATION_LENGTH = 16;
    static final int MAX_TAG_LENGTH = 8;
    private static final String FIELD_SEPARATORS = "~,;|\t";

    private final String name;
    private final String connectionId;
    private final String controllerId;
    private final ZoneId zone;
    private final Clock clock;
    private final String eventName;
    private final String eventId;
    private final String eventDescription;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, BoxLocation> locations = new LinkedHashMap<>();
    private final Map<String, List<BoxEvent>> streams = new LinkedHashMap<>();
    private LocalDate eventDate;
    private long arrivals;

    private ChronoTrackBox(Builder builder) {
        this.name = builder.name;
        this.connectionId = builder.connectionId != null ? builder.connectionId : randomConnectionId();
        this.controllerId = hexId(builder.name + "/controller");
        this.zone = builder.zone;
        this.clock = builder.clock;
        this.eventDate = builder.eventDate;
        this.eventName = builder.eventName;
        this.eventId = builder.eventId;
        this.eventDescription = builder.eventDescription;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** What this box answers to {@code getconnectionid}, the same on every connection. */
    public String connectionId() {
        return connectionId;
    }

    /** The controller id written in the reader field of gun-time and new-location events. */
    public String controllerId() {
        return controllerId;
    }

    public ZoneId zone() {
        return zone;
    }

    public String eventName() {
        return eventName;
    }

    public String eventId() {
        return eventId;
    }

    public String eventDescription() {
        return eventDescription;
    }

    /**
     * Midnight of this date is hour 0 of {@code normal} times. Unless configured, the local date of
     * the first time the box saw.
     */
    public synchronized LocalDate eventDate() {
        return eventDate;
    }

    /** Called (on the caller's thread) after every change: a new event or a new location. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Connects a timing location to the box now, by the box clock. */
    public BoxLocation addLocation(String location) {
        return addLocation(location, clock.instant());
    }

    /** Connects a timing location to the box at {@code connectedAt}; no-op if it exists. */
    public BoxLocation addLocation(String location, Instant connectedAt) {
        BoxLocation added;
        synchronized (this) {
            BoxLocation existing = locations.get(location);
            if (existing != null) {
                return existing;
            }
            added = createLocation(location, connectedAt);
        }
        notifyListeners();
        return added;
    }

    /** A read of {@code tag} at {@code location} by the location's reader, gator 1, lap count 0. */
    public BoxEvent observe(String location, String tag, Instant time) {
        return observe(location, tag, time, null, 1, 0);
    }

    /**
     * A read of {@code tag} at {@code location}; the location is connected first if it is new.
     *
     * @param readerId 6 hex digits, or null for the location's own reader
     */
    public BoxEvent observe(String location, String tag, Instant time, String readerId, int gator, int lapCount) {
        checkTag(tag);
        if (readerId != null && !readerId.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("reader id must be 6 hex digits: " + readerId);
        }
        if (gator < 0 || gator > 99) {
            throw new IllegalArgumentException("gator must be 0..99: " + gator);
        }
        if (lapCount < 0) {
            throw new IllegalArgumentException("lap count must not be negative: " + lapCount);
        }
        return append(BoxEvent.Kind.OBSERVATION, location, tag, time, readerId, gator, lapCount);
    }

    /** The start gun fired for {@code location}; gun times share the location's sequence. */
    public BoxEvent gunTime(String location, Instant time) {
        return append(BoxEvent.Kind.GUN_TIME, location, BoxEvent.GUN_TIME_TAG, time, null, 0, 0);
    }

    public synchronized List<BoxLocation> locations() {
        return List.copyOf(locations.values());
    }

    public synchronized int lastSequence(String location) {
        List<BoxEvent> stream = streams.get(location);
        return stream == null ? 0 : stream.size();
    }

    /** All events of {@code location}, sequence 1 first. */
    public synchronized List<BoxEvent> events(String location) {
        List<BoxEvent> stream = streams.get(location);
        return stream == null ? List.of() : List.copyOf(stream);
    }

    /**
     * Up to {@code max} events of the given locations, each location from its cursor (the next
     * sequence to deliver) on, interleaved in the order they happened.
     */
    synchronized List<BoxEvent> pending(Map<String, Integer> cursors, int max) {
        List<BoxEvent> candidates = new ArrayList<>();
        for (Map.Entry<String, Integer> cursor : cursors.entrySet()) {
            List<BoxEvent> stream = streams.get(cursor.getKey());
            if (stream == null) {
                continue;
            }
            int from = Math.max(0, cursor.getValue() - 1);
            candidates.addAll(stream.subList(Math.min(from, stream.size()), Math.min(stream.size(), from + max)));
        }
        candidates.sort(Comparator.comparingLong(BoxEvent::arrival));
        return candidates.size() > max ? List.copyOf(candidates.subList(0, max)) : candidates;
    }

    private BoxEvent append(BoxEvent.Kind kind, String location, String tag, Instant time, String readerId,
                            int gator, int lapCount) {
        Objects.requireNonNull(time, "time");
        BoxEvent event;
        synchronized (this) {
            LocalDate date = time.atZone(zone).toLocalDate();
            if (eventDate == null) {
                eventDate = date;
            } else if (date.isBefore(eventDate)) {
                throw new IllegalArgumentException(time + " is before the event date " + eventDate);
            }
            BoxLocation at = locations.get(location);
            if (at == null) {
                at = createLocation(location, time);
            }
            List<BoxEvent> stream = streams.get(location);
            if (stream.size() >= MAX_SEQUENCE) {
                throw new IllegalStateException("location " + location + " has used all sequence numbers");
            }
            String reader = kind == BoxEvent.Kind.GUN_TIME ? controllerId
                    : readerId != null ? readerId.toUpperCase(Locale.ROOT) : at.readerId();
            event = new BoxEvent(kind, location, stream.size() + 1, tag, time, lapCount, reader, gator, ++arrivals);
            stream.add(event);
        }
        notifyListeners();
        return event;
    }

    private BoxLocation createLocation(String location, Instant connectedAt) {
        checkLocation(location);
        if (eventDate == null) {
            eventDate = connectedAt.atZone(zone).toLocalDate();
        }
        BoxLocation created = new BoxLocation(location, locations.size() + 1, hexId(name + "/" + location),
                connectedAt);
        locations.put(location, created);
        streams.put(location, new ArrayList<>());
        return created;
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    static void checkLocation(String location) {
        if (location == null || location.isBlank() || location.length() > MAX_LOCATION_LENGTH
                || containsAny(location, FIELD_SEPARATORS)) {
            throw new IllegalArgumentException(
                    "location must be 1 to 16 characters without field separators: " + location);
        }
    }

    private static void checkTag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || containsAny(tag, FIELD_SEPARATORS)
                || !tag.chars().allMatch(c -> c > ' ' && c < 0x7F)
                || tag.equals(BoxEvent.GUN_TIME_TAG)) {
            throw new IllegalArgumentException("tag must be 1 to 8 printable ASCII characters: " + tag);
        }
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0 || Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Stable 6-hex-digit ids, so a box's readers look the same in every run. */
    private static String hexId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomConnectionId() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Configures a box; only the name is required. */
    public static final class Builder {
        private final String name;
        private String connectionId;
        private ZoneId zone = ZoneId.systemDefault();
        private Clock clock = Clock.systemUTC();
        private LocalDate eventDate;
        private String eventName = "Pitwall Simulation";
        private String eventId = "1";
        private String eventDescription = "Simulated ChronoTrack event";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Fixes the connection id; by default each box gets a random one for its lifetime. */
        public Builder connectionId(String value) {
            if (value.isEmpty() || value.contains("~") || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("connection id must be a non-empty single field");
            }
            connectionId = value;
            return this;
        }

        /** The venue's time zone, used for {@code normal} and {@code iso} times. */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder eventDate(LocalDate value) {
            eventDate = value;
            return this;
        }

        /** What {@code geteventinfo} answers; each value one field, so no {@code ~}. */
        public Builder eventInfo(String name, String id, String description) {
            for (String field : new String[] {name, id, description}) {
                if (field.contains("~") || field.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("event info must not contain '~' or control characters");
                }
            }
            eventName = name;
            eventId = id;
            eventDescription = description;
            return this;
        }

        public ChronoTrackBox build() {
            return new ChronoTrackBox(this);
        }
    }
}
