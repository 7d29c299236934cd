package io.pitwall.schemas.serde;

import io.pitwall.schemas.internal.BoundedCache;
import io.pitwall.schemas.registry.RegisteredSchema;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Latest registered version per subject for {@code use.latest.version}, kept for
 * {@code latest.cache.ttl.sec} (forever by default) so that serializing does not ask the registry
 * for every record.
 */
final class LatestVersions {

    private final SchemaRegistryClient client;
    private final Optional<Duration> ttl;
    private final Clock clock;
    private final BoundedCache<String, Fetched> bySubject;

    LatestVersions(SchemaRegistryClient client, Optional<Duration> ttl, Clock clock, int capacity) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
        this.bySubject = new BoundedCache<>(capacity);
    }

    RegisteredSchema get(String subject) {
        Fetched fetched = bySubject.get(subject);
        Instant now = clock.instant();
        if (fetched != null && (ttl.isEmpty() || now.isBefore(fetched.at().plus(ttl.get())))) {
            return fetched.schema();
        }
        RegisteredSchema latest = client.getLatestSchemaMetadata(subject);
        bySubject.put(subject, new Fetched(latest, now));
        return latest;
    }

    private record Fetched(RegisteredSchema schema, Instant at) {
    }
}
