package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every session of the process shares: configuration-derived lookups, the ledger, the mappers,
 * the sink and the meters.
 *
 * @param idleTimeout how long a connection may stay silent (reported in HEARTBEAT_LOST)
 */
public record SessionContext(StationDirectory directory, SignatureVerifier verifier,
        SignatureFailureAction onInvalidSignature, PassingLedger ledger, PassingMapper passings,
        DecoderStatusMapper statuses, EventSink sink, IngestMetrics metrics, ChronoCloudMetrics chronoMetrics,
        Clock clock, Duration idleTimeout) {

    public SessionContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(onInvalidSignature, "onInvalidSignature");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(passings, "passings");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(chronoMetrics, "chronoMetrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
}
