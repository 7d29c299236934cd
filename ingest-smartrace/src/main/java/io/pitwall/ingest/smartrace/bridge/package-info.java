/**
 * Bridge mode: every sensor connection gets its own WebSocket connection to a real Smartrace Connect
 * (the tablet), so the Smartrace app keeps working while Pitwall records everything. Frames are
 * relayed verbatim both ways; the upstream connection reconnects on its own with ingest-core's
 * backoff, independently of the sensor.
 */
package io.pitwall.ingest.smartrace.bridge;
