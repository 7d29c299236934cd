package io.pitwall.publisher.config;

import io.pitwall.ingest.core.config.ConfigField;
import java.util.Objects;

/**
 * One option of the state publisher: an ingest-core {@link ConfigField} plus the environment variable it
 * is read from. ingest-core derives every variable from one prefix; the publisher's are
 * {@code PUBLISHER_<NAME>} except {@code KAFKA_BOOTSTRAP}, the name every Pitwall tool prints and the
 * deployments set, so the variable is declared here rather than derived.
 *
 * @param <T> the parsed type
 */
public record PublisherOption<T>(ConfigField<T> field, String env) {

    public PublisherOption {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(env, "env");
    }

    public String name() {
        return field.name();
    }

    public String type() {
        return field.type().name();
    }

    public String description() {
        return field.description();
    }

    /** The default as a user writes it ({@code 15s}, {@code 128k}); empty when there is none. */
    public String defaultValue() {
        return field.defaultValue().map(field::display).orElse("");
    }

    /** The variable ingest-core's loader derives for this option; {@link PublisherConfig} maps {@link #env} onto it. */
    String loaderEnv() {
        return field.envName(PublisherConfig.ENV_PREFIX);
    }
}
