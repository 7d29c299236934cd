/**
 * Pitwall's Smartrace ingest: plays Smartrace Connect for WebSocket lap sensors. {@link
 * io.pitwall.ingest.smartrace.SmartraceConfig} declares every option; {@link
 * io.pitwall.ingest.smartrace.SmartraceIngest} wires codec, session, mapping, venue state, server and
 * bridge into ingest-core's service runtime.
 */
package io.pitwall.ingest.smartrace;
