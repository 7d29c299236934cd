package io.pitwall.ingest.ctp01.resume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of {@code pitwall.ingest-offsets} as this ingest writes it. Key: {@link StreamKey#id()};
 * value (JSON, UTF-8):
 * <pre>{"source":"CTP01","venue":"spa","connectionId":"b6173…","location":"finish","sequence":4530,
 *  "epoch":0,"eventId":"12","updatedAt":"2025-07-26T14:02:15.310Z"}</pre>
 * ({@code eventId} only when the client reported one).
 * The topic is shared by the ingests, so records of other sources are recognised and left alone.
 */
public record ResumePosition(StreamKey key, ResumeStore.Position position, Instant updatedAt) {

    public static final String SOURCE = "CTP01";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ResumePosition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("source", SOURCE)
                .put("venue", key.venue())
                .put("connectionId", key.connectionId())
                .put("location", key.location())
                .put("sequence", position.sequence())
                .put("epoch", position.epoch());
        if (position.eventId() != null) {
            node.put("eventId", position.eventId());
        }
        node.put("updatedAt", updatedAt.toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a record value.
     *
     * @return empty for a record another source wrote
     * @throws IllegalArgumentException if it is a CTP01 record that cannot be read
     */
    public static Optional<ResumePosition> fromJson(byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!SOURCE.equals(node.path("source").asText())) {
            return Optional.empty();
        }
        JsonNode sequence = node.path("sequence");
        if (!sequence.canConvertToInt() || !sequence.isIntegralNumber()) {
            throw new IllegalArgumentException("sequence is not an integer");
        }
        JsonNode epoch = node.path("epoch");
        if (!epoch.isMissingNode() && !epoch.isIntegralNumber()) {
            throw new IllegalArgumentException("epoch is not an integer");
        }
        try {
            StreamKey key = new StreamKey(node.path("venue").asText(), node.path("connectionId").asText(),
                    node.path("location").asText());
            Instant updatedAt = node.hasNonNull("updatedAt") ? Instant.parse(node.get("updatedAt").asText())
                    : Instant.EPOCH;
            String eventId = node.hasNonNull("eventId") ? node.get("eventId").asText() : null;
            return Optional.of(new ResumePosition(key, new ResumeStore.Position(sequence.asInt(), epoch.asLong(0),
                    eventId), updatedAt));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
