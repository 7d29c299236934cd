package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * 6001 "LapSnapper Server Information": the server accepted the handshake.
 *
 * @param systemState the server's UI state (API section 8.2), see {@link SystemState}
 */
public record ServerInfo(MessageHeader header, DecoderInfo decoderInfo, int systemState) implements LapSnapperMessage {

    public ServerInfo {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(decoderInfo, "decoderInfo");
    }

    @Override
    public MessageId id() {
        return MessageId.SERVER_INFO;
    }
}
