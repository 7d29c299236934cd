/**
 * Between the Smartrace protocol and Pitwall's Avro events: crossings to {@code Passing}s, race-control
 * buttons to {@code SessionControl}, connection facts to {@code DecoderStatus}; and back, a venue's
 * {@code SessionConfig} entry list to {@code update_controller_data} and its {@code SessionControl}s to
 * the event and VSC status a sensor shows.
 */
package io.pitwall.ingest.smartrace.mapping;
