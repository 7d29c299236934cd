/**
 * The ChronoCloud 2 ingest service: {@link io.pitwall.ingest.chronocloud.ChronoCloudIngestMain} runs
 * it, {@link io.pitwall.ingest.chronocloud.ChronoCloudConfig} declares its options, and
 * {@link io.pitwall.ingest.chronocloud.ChronoCloudIngest} wires the WebSocket server ({@code server}),
 * the protocol ({@code codec}, {@code session}, {@code signature}) and the Avro mapping
 * ({@code mapping}) to ingest-core's publisher, metrics and health.
 */
package io.pitwall.ingest.chronocloud;
