/** LapSnapper messages as Pitwall's Avro events: time events as {@code Passing}, the rest as {@code DecoderStatus}. */
package io.pitwall.ingest.lapsnapper.mapping;
