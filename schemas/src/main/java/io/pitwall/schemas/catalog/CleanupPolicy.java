package io.pitwall.schemas.catalog;

/** Kafka's {@code cleanup.policy}, spelled as Kafka spells it. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String kafkaName;

    CleanupPolicy(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }
}
