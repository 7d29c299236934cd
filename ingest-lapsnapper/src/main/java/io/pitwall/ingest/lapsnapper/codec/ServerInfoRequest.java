package io.pitwall.ingest.lapsnapper.codec;

import java.util.List;
import java.util.Objects;

/**
 * 6000 "Get Server Information": the client's handshake request.
 *
 * @param password the authentication array as integers, e.g. {@code [1,2,3,4]}; never printed by {@link #toString()}
 */
public record ServerInfoRequest(MessageHeader header, List<Integer> password) implements LapSnapperMessage {

    public ServerInfoRequest {
        Objects.requireNonNull(header, "header");
        password = List.copyOf(password);
    }

    @Override
    public MessageId id() {
        return MessageId.SERVER_INFO_REQUEST;
    }

    @Override
    public String toString() {
        return "ServerInfoRequest[header=" + header + ", password=<" + password.size() + " values redacted>]";
    }
}
