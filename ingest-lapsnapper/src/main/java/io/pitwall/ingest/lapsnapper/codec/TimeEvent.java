package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * 6110 "Time Event": a transponder crossed a timing line.
 *
 * @param transponderId       the transponder
 * @param transponderInstance the transponder instance (1 by default)
 * @param transponderName     the optional label of the transponder; {@code null} when the server sent none
 * @param absoluteTime        timestamp id and passing time
 * @param lapLine             1 for the lap line, 0 for a sector line; {@code null} when absent, which the document
 *                            allows when sector timing is off (then every crossing is a lap-line crossing)
 */
public record TimeEvent(MessageHeader header, int transponderId, int transponderInstance, String transponderName,
                        AbsoluteTime absoluteTime, Integer lapLine) implements LapSnapperMessage {

    public static final int LAP_LINE = 1;
    public static final int SECTOR_LINE = 0;

    public TimeEvent {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(absoluteTime, "absoluteTime");
    }

    @Override
    public MessageId id() {
        return MessageId.TIME_EVENT;
    }

    /** Whether this crossing is on the lap (start/finish) line; an absent {@code lapLine} means it is. */
    public boolean isLapLine() {
        return lapLine == null || lapLine == LAP_LINE;
    }
}
