package io.pitwall.ingest.smartrace.codec;

import java.util.Objects;

/**
 * One data frame from a sensor: its exact text ({@code null} for a binary frame), which the bridge
 * relays unchanged, and what it decodes to.
 */
public record ReceivedFrame(String text, Inbound inbound) {

    public ReceivedFrame {
        Objects.requireNonNull(inbound, "inbound");
    }
}
