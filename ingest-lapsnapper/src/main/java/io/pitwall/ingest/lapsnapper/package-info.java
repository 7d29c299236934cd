/**
 * The LapSnapper ingest service: {@link io.pitwall.ingest.lapsnapper.LapSnapperIngest} wires the client, the
 * event publisher, the stream epochs and remote control into ingest-core's service bootstrap; every option is
 * declared in {@link io.pitwall.ingest.lapsnapper.LapSnapperConfig}. See the module README.
 */
package io.pitwall.ingest.lapsnapper;
