package io.pitwall.simulator.ctp01;

/**
 * Writes the box's tag event lines: format, sequence, location, tag, time, lap count, reader id,
 * gator; gun times and new-location events in the same layout with lap count and gator 0.
 */
final class TagLineWriter {

    static final String NEW_LOCATION_TAG = "newlocation";

    private final TagLineFormat format;
    private final ClockFormat clockFormat;
    private final ChronoTrackBox box;
    private final int fractionDigits;

    TagLineWriter(TagLineFormat format, ClockFormat clockFormat, ChronoTrackBox box, int fractionDigits) {
        this.format = format;
        this.clockFormat = clockFormat;
        this.box = box;
        this.fractionDigits = fractionDigits;
    }

    /** The line for an event, terminator included. */
    String event(BoxEvent event) {
        return line(event.sequence(), event.location(), event.tag(),
                clockFormat.format(event.time(), box.zone(), box.eventDate(), fractionDigits),
                event.kind() == BoxEvent.Kind.GUN_TIME ? 0 : event.lapCount(), event.readerId(),
                event.kind() == BoxEvent.Kind.GUN_TIME ? 0 : event.gator());
    }

    /** The announcement of a location, terminator included. */
    String newLocation(BoxLocation location, String controllerId) {
        return line(location.ordinal(), location.name(), NEW_LOCATION_TAG,
                clockFormat.format(location.connectedAt(), box.zone(), box.eventDate(), fractionDigits), 0, controllerId, 0);
    }

    private String line(int sequence, String location, String tag, String time, int lapCount, String readerId,
                        int gator) {
        char s = format.separator();
        return format.code() + s + sequence + s + location + s + tag + s + time + s + lapCount + s + readerId + s
                + gator + format.terminator();
    }
}
