package io.pitwall.ingest.ctp01.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The initialization requests the server sends after its greeting line, one {@code key=value} per
 * line. A null field is not sent and the client applies its default; the defaults changed between
 * revisions of the document (rev 7: {@code location=multi}; rev 8: {@code single}), so a server
 * should send every option it relies on. {@link #toString()} hides the seed.
 */
public record Ctp01RequestOptions(
        LocationMode location,
        StreamMode streamMode,
        TimeFormat timeFormat,
        TagEventFormat tagEventFormat,
        Boolean gunTimes,
        Boolean newLocations,
        Boolean connectionId,
        Boolean pushModeAck,
        AuthenticationMethod authentication,
        String authenticationSeed) {

    public Ctp01RequestOptions {
        if (authentication != null && authentication.requiresSeed()
                && (authenticationSeed == null || authenticationSeed.isEmpty())) {
            throw new IllegalArgumentException("authentication=" + authentication.optionValue()
                    + " needs an authentication-seed");
        }
        if (authenticationSeed != null) {
            Ctp01LineWriter.checkField("authentication-seed", authenticationSeed, false);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The request lines in a fixed order, without line terminators. */
    public List<String> requestLines() {
        List<String> lines = new ArrayList<>();
        add(lines, "location", location == null ? null : location.optionValue());
        add(lines, "stream-mode", streamMode == null ? null : streamMode.optionValue());
        add(lines, "time-format", timeFormat == null ? null : timeFormat.optionValue());
        add(lines, "tagevent-format", tagEventFormat == null ? null : tagEventFormat.code());
        add(lines, "guntimes", gunTimes);
        add(lines, "newlocations", newLocations);
        add(lines, "connection-id", connectionId);
        add(lines, "pushmode-ack", pushModeAck);
        add(lines, "authentication", authentication == null ? null : authentication.optionValue());
        add(lines, "authentication-seed", authenticationSeed);
        return lines;
    }

    private static void add(List<String> lines, String key, Object value) {
        if (value != null) {
            lines.add(key + "=" + value);
        }
    }

    @Override
    public String toString() {
        return "Ctp01RequestOptions" + requestLines().stream()
                .map(line -> line.startsWith("authentication-seed=") ? "authentication-seed=<seed>" : line)
                .toList();
    }

    /** Builds request options; every option starts unset. */
    public static final class Builder {
        private LocationMode location;
        private StreamMode streamMode;
        private TimeFormat timeFormat;
        private TagEventFormat tagEventFormat;
        private Boolean gunTimes;
        private Boolean newLocations;
        private Boolean connectionId;
        private Boolean pushModeAck;
        private AuthenticationMethod authentication;
        private String authenticationSeed;

        private Builder() {
        }

        public Builder location(LocationMode value) {
            location = value;
            return this;
        }

        public Builder streamMode(StreamMode value) {
            streamMode = value;
            return this;
        }

        public Builder timeFormat(TimeFormat value) {
            timeFormat = value;
            return this;
        }

        public Builder tagEventFormat(TagEventFormat value) {
            tagEventFormat = value;
            return this;
        }

        public Builder gunTimes(boolean value) {
            gunTimes = value;
            return this;
        }

        public Builder newLocations(boolean value) {
            newLocations = value;
            return this;
        }

        public Builder connectionId(boolean value) {
            connectionId = value;
            return this;
        }

        public Builder pushModeAck(boolean value) {
            pushModeAck = value;
            return this;
        }

        /** Sets the method and its seed ({@code null} for methods without one). */
        public Builder authentication(AuthenticationMethod method, String seed) {
            authentication = method;
            authenticationSeed = seed;
            return this;
        }

        public Ctp01RequestOptions build() {
            return new Ctp01RequestOptions(location, streamMode, timeFormat, tagEventFormat, gunTimes, newLocations,
                    connectionId, pushModeAck, authentication, authenticationSeed);
        }
    }
}
