package io.pitwall.processor.errors;

/** Told about every record sent to the dead-letter topic (metrics). Must be thread-safe. */
@FunctionalInterface
public interface DeadLetterListener {

    DeadLetterListener NONE = sourceTopic -> {
    };

    void deadLettered(String sourceTopic);
}
