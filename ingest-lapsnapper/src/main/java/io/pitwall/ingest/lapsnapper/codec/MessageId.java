package io.pitwall.ingest.lapsnapper.codec;

import java.util.Optional;

/**
 * The message ids of LapSnapper API v5.20: the first two bytes (little-endian) of every frame and the
 * {@code messageHeader.messageID} inside its JSON.
 */
public enum MessageId {
    SERVER_INFO_REQUEST(6000),
    SERVER_INFO(6001),
    SERVER_INFO_FAILED(6002),
    HEARTBEAT(6003),
    GET_DECODER_TIME(6100),
    DECODER_TIME(6101),
    DECODER_TIME_FAILED(6102),
    TIME_EVENT(6110),
    STOP_SESSION(6400),
    EXIT_SESSION(6401),
    START_SESSION(6402),
    START_MATIC_STATUS(6403),
    SESSION_INFORMATION(6404),
    RACE_TRACK_SETTINGS(6405);

    private final int code;

    MessageId(int code) {
        this.code = code;
    }

    /** The numeric id on the wire. */
    public int code() {
        return code;
    }

    /** The id for a wire value, or empty for an id this version of the API does not define. */
    public static Optional<MessageId> fromCode(int code) {
        for (MessageId id : values()) {
            if (id.code == code) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
