package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * 6002 "LapSnapper Server Information Failed": the server refused the handshake.
 *
 * @param status error code for an unsupported version or invalid credentials (the document shows only 1)
 */
public record ServerInfoFailed(MessageHeader header, int status) implements LapSnapperMessage {

    public ServerInfoFailed {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public MessageId id() {
        return MessageId.SERVER_INFO_FAILED;
    }
}
