package io.pitwall.publisher.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a record value into a {@link Document}, or rejects it. A rejected value never reaches a client:
 * one bad record from a producer must not break every timing screen, so the previous document stays.
 */
public final class DocumentParser {

    private final ObjectMapper mapper;

    public DocumentParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Thrown for a value that is not the JSON document its topic promises. */
    public static final class InvalidDocumentException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDocumentException(String message) {
            super(message);
        }
    }

    public Document parse(DocumentKind kind, byte[] value, long receivedNanos, long producedAtMs)
            throws InvalidDocumentException {
        JsonNode tree;
        try {
            tree = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDocumentException("unreadable: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidDocumentException("not a JSON object");
        }
        switch (kind) {
            case MANIFEST -> {
                if (!tree.path("colSpec").isArray()) {
                    throw new InvalidDocumentException("manifest without a colSpec array");
                }
            }
            case STATE -> {
                if (!tree.path("cars").isArray()) {
                    throw new InvalidDocumentException("state without a cars array");
                }
            }
            case ANALYSIS -> {
                // free-form: Timing71's analysis document has no required fields
            }
        }
        byte[] compact;
        try {
            // re-serialized compactly once: SSE needs single-line data and every transport shares these bytes
            compact = mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException("cannot re-serialize: " + e.getOriginalMessage());
        }
        return new Document(tree, compact, etagOf(compact), receivedNanos, producedAtMs);
    }

    static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
