/**
 * {@code streamEpoch} for LapSnapper's {@code timeStampID} numbering: when a new epoch starts
 * ({@link io.pitwall.ingest.lapsnapper.stream.EpochTracker}) and how it survives ingest restarts
 * ({@link io.pitwall.ingest.lapsnapper.stream.KafkaStreamPositionStore} in {@code pitwall.ingest-offsets}).
 */
package io.pitwall.ingest.lapsnapper.stream;
