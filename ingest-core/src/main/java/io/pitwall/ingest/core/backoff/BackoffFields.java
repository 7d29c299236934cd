package io.pitwall.ingest.core.backoff;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Validators;
import java.time.Duration;

/** Reconnect options for client-type ingests (those that dial out to the hardware). */
public final class BackoffFields {

    public static final ConfigField<Duration> INITIAL = ConfigField.duration("reconnect.backoff.initial")
            .withDefault(Duration.ofMillis(500))
            .withValidator(Validators.positiveDuration())
            .withDescription("First reconnect delay after a hardware connection fails or drops; doubles per attempt");

    public static final ConfigField<Duration> MAX = ConfigField.duration("reconnect.backoff.max")
            .withDefault(Duration.ofSeconds(30))
            .withValidator(Validators.positiveDuration())
            .withDescription("Longest reconnect delay");

    public static final ConfigField<ReconnectBackoff.Jitter> JITTER =
            ConfigField.enumeration("reconnect.backoff.jitter", ReconnectBackoff.Jitter.class)
                    .withDefault(ReconnectBackoff.Jitter.FULL)
                    .withDescription("FULL: delay uniformly in [0, ceiling]; DECORRELATED: in [initial, 3 x previous]");

    public static final ConfigFields FIELDS = ConfigFields.of(INITIAL, MAX, JITTER);

    private BackoffFields() {
    }
}
