package io.pitwall.publisher.http;

import java.util.function.BooleanSupplier;

/**
 * What the probes ask. Live: the process can do its work (the Kafka follower thread runs). Ready: the
 * topics were read up to where they ended at start, so every service a client asks for is known.
 */
public record HealthCheck(BooleanSupplier live, BooleanSupplier ready) {
}
