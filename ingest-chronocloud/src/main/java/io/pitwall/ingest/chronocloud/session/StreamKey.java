package io.pitwall.ingest.chronocloud.session;

import java.util.Objects;

/** One ChronoFly numbering: ids count from 0 per (station, competition, round). */
public record StreamKey(String station, String competition, String round) {
    public StreamKey {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(round, "round");
    }
}
