/**
 * From ChronoCloud PDUs to Pitwall's Avro events: which venue a station belongs to ({@link
 * io.pitwall.ingest.chronocloud.mapping.StationDirectory}), what instant a station's time means
 * ({@link io.pitwall.ingest.chronocloud.mapping.VenueClock}), which line a station type is ({@link
 * io.pitwall.ingest.chronocloud.mapping.LineMap}), and the mappers themselves ({@link
 * io.pitwall.ingest.chronocloud.mapping.PassingMapper}, {@link
 * io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper}).
 */
package io.pitwall.ingest.chronocloud.mapping;
