package io.pitwall.publisher.store;

/** The three documents a Timing71 service has, each from its own compacted topic. */
public enum DocumentKind {
    MANIFEST,
    STATE,
    ANALYSIS
}
