package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6003 "Heartbeat": sent by the server to every handshaken client, every 2 s. */
public record Heartbeat(MessageHeader header) implements LapSnapperMessage {

    public Heartbeat {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public MessageId id() {
        return MessageId.HEARTBEAT;
    }
}
