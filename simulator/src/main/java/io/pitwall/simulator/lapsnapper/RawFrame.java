package io.pitwall.simulator.lapsnapper;

import java.util.Arrays;

/**
 * One LapSnapper frame as the simulator saw it on the wire.
 *
 * @param messageId the little-endian id of the first two bytes
 * @param bytes     the whole frame, header included
 */
public record RawFrame(int messageId, byte[] bytes) {

    public RawFrame {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The JSON payload after the 6-byte header. */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, LapSnapperWire.HEADER_LENGTH, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrame other && messageId == other.messageId && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * messageId + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawFrame[messageId=" + messageId + ", length=" + bytes.length + "]";
    }
}
