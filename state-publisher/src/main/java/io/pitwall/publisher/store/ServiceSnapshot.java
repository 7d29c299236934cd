package io.pitwall.publisher.store;

/**
 * Everything the publisher holds about one Timing71 service: its latest manifest, state and analysis.
 * Immutable; the store swaps whole snapshots so a reader never sees a manifest from one moment and a
 * state from another half-applied.
 *
 * @param uuid     the service uuid (the record key)
 * @param manifest latest manifest, null until one arrived
 * @param state    latest state, null until one arrived
 * @param analysis latest analysis, null when there is none
 */
public record ServiceSnapshot(String uuid, Document manifest, Document state, Document analysis) {

    public static ServiceSnapshot empty(String uuid) {
        return new ServiceSnapshot(uuid, null, null, null);
    }

    public Document document(DocumentKind kind) {
        return switch (kind) {
            case MANIFEST -> manifest;
            case STATE -> state;
            case ANALYSIS -> analysis;
        };
    }

    public ServiceSnapshot with(DocumentKind kind, Document document) {
        return switch (kind) {
            case MANIFEST -> new ServiceSnapshot(uuid, document, state, analysis);
            case STATE -> new ServiceSnapshot(uuid, manifest, document, analysis);
            case ANALYSIS -> new ServiceSnapshot(uuid, manifest, state, document);
        };
    }

    /** A service is live, and listed in the directory, once its manifest is known: without it a state cannot be read. */
    public boolean isLive() {
        return manifest != null;
    }

    public String name() {
        return manifest == null ? "" : manifest.json().path("name").asText("");
    }

    /** Manifest {@code startTime} in unix seconds, 0 when absent. */
    public long startTime() {
        return manifest == null ? 0 : manifest.json().path("startTime").asLong(0);
    }
}
