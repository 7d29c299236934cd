package io.pitwall.ingest.ctp01.resume;

import java.util.Objects;

/**
 * One CTP01 stream: the numbered tag events of one location, as one ChronoTrack client (its
 * connection id) delivers them to one venue. Sequence numbers are only comparable within a stream,
 * so this is the unit of ordering, dedupe and resume.
 *
 * <p>{@link #id()} is both the {@code streamId} of the passings and the key of the stored resume
 * position: {@code venue/connection/location}, each part with {@code %} and {@code /} percent-encoded
 * so the three parts can always be told apart again.
 */
public record StreamKey(String venue, String connectionId, String location) {

    public StreamKey {
        requireText(venue, "venue");
        requireText(connectionId, "connectionId");
        requireText(location, "location");
    }

    /** {@code venue/connection/location}, reversible with {@link #parse}. */
    public String id() {
        return escape(venue) + '/' + escape(connectionId) + '/' + escape(location);
    }

    /** The stream id of everything one connection reports that belongs to no single location. */
    public static String connectionStreamId(String venue, String connectionId) {
        return escape(venue) + '/' + escape(connectionId);
    }

    /**
     * Reads an {@link #id()} back.
     *
     * @throws IllegalArgumentException if {@code id} is not three escaped parts
     */
    public static StreamKey parse(String id) {
        String[] parts = id.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a venue/connection/location key: " + id);
        }
        return new StreamKey(unescape(parts[0]), unescape(parts[1]), unescape(parts[2]));
    }

    static String escape(String part) {
        return part.replace("%", "%25").replace("/", "%2F");
    }

    static String unescape(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%' && part.startsWith("25", i + 1)) {
                out.append('%');
                i += 2;
            } else if (c == '%' && (part.startsWith("2F", i + 1) || part.startsWith("2f", i + 1))) {
                out.append('/');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
