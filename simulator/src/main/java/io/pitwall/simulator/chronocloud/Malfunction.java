package io.pitwall.simulator.chronocloud;

import java.util.Objects;

/** A malfunction ChronoFly reports every cycle while it lasts: two descriptions and a type code. */
public record Malfunction(String message, String message2, String type) {
    public Malfunction {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(message2, "message2");
        Objects.requireNonNull(type, "type");
    }
}
