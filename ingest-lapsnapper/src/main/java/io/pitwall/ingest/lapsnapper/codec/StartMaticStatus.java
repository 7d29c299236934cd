package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * 6403 "StartMatic Status", in both directions: a client sends it to change the StartMatic, the server sends it
 * when the StartMatic changes (the recorded trace shows the server echoing the PIN code and the client's
 * product id). The PIN code is never printed by {@link #toString()}.
 *
 * @param startMaticStatus 1 opened (data = delay, data2 = mode), 2 closed, 3 canceled, 4 delay (data), 5 mode
 *                         (data), 6 countdown started
 */
public record StartMaticStatus(MessageHeader header, String pinCode, int startMaticStatus, long startMaticData,
                               long startMaticData2) implements LapSnapperMessage {

    public static final int OPENED = 1;
    public static final int CLOSED = 2;
    public static final int CANCELED = 3;
    public static final int DELAY = 4;
    public static final int MODE = 5;
    public static final int COUNTDOWN_STARTED = 6;

    public StartMaticStatus {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
    }

    @Override
    public MessageId id() {
        return MessageId.START_MATIC_STATUS;
    }

    @Override
    public String toString() {
        return "StartMaticStatus[header=" + header + ", pinCode=" + Redaction.PIN + ", startMaticStatus="
                + startMaticStatus + ", startMaticData=" + startMaticData + ", startMaticData2=" + startMaticData2
                + "]";
    }
}
