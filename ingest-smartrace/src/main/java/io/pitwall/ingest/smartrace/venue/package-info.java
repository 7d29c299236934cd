/**
 * The venues this instance serves: which venue a connection belongs to ({@link
 * io.pitwall.ingest.smartrace.venue.VenueRouter}), and what each venue looks like to its sensors
 * ({@link io.pitwall.ingest.smartrace.venue.VenueState}: controller data from the entry list, race
 * status from race control, recently seen laps), kept current from Kafka by {@link
 * io.pitwall.ingest.smartrace.venue.ControlFeed}.
 */
package io.pitwall.ingest.smartrace.venue;
