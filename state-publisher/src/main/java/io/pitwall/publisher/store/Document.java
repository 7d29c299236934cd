package io.pitwall.publisher.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One received JSON document (a manifest, state or analysis) in the forms every consumer needs:
 * the parsed tree for code that reads fields, the compact UTF-8 bytes that are sent (serialized once,
 * shared by every client) and a content-derived ETag, identical on every replica, for CDN caching.
 *
 * @param json          parsed document
 * @param bytes         compact UTF-8 JSON, never modified after construction
 * @param etag          quoted strong entity tag of {@code bytes}
 * @param receivedNanos {@link System#nanoTime()} when the publisher read it from Kafka, the start of delivery lag
 * @param producedAtMs  the Kafka record timestamp, for the end-to-end lag metric
 */
public record Document(JsonNode json, byte[] bytes, String etag, long receivedNanos, long producedAtMs) {

    public Document {
        Objects.requireNonNull(json);
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(etag);
    }
}
