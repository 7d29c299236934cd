package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6401 "Exit Session" (remote control): leave the session and reset the system state. */
public record ExitSession(MessageHeader header, String pinCode) implements LapSnapperMessage {

    public ExitSession {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
    }

    @Override
    public MessageId id() {
        return MessageId.EXIT_SESSION;
    }

    @Override
    public String toString() {
        return "ExitSession[header=" + header + ", pinCode=" + Redaction.PIN + "]";
    }
}
