package io.pitwall.ingest.lapsnapper.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds frames by hand (not with the encoder under test) and runs bytes through a decoding channel. */
final class TestFrames {

    private TestFrames() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static byte[] frame(int messageId, String json) {
        return frame(messageId, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(int messageId, byte[] payload) {
        return concat(header(messageId, payload.length), payload);
    }

    /** A header alone, declaring {@code declaredLength} payload bytes (written as an unsigned 32-bit value). */
    static byte[] header(int messageId, long declaredLength) {
        return ByteBuffer.allocate(LapSnapperCodec.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) messageId).putInt((int) declaredLength).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static EmbeddedChannel decodingChannel() {
        return decodingChannel(LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH);
    }

    static EmbeddedChannel decodingChannel(int maxPayloadLength) {
        EmbeddedChannel channel = new EmbeddedChannel();
        LapSnapperCodec.addTo(channel.pipeline(), maxPayloadLength);
        return channel;
    }

    /** Writes each chunk as its own inbound buffer, as separate TCP reads would deliver them. */
    static void feed(EmbeddedChannel channel, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
    }

    static List<Object> drainInbound(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
        return out;
    }

    /** Decodes {@code bytes} fed in one piece and returns everything that came out. */
    static List<Object> decodeAll(byte[] bytes) {
        EmbeddedChannel channel = decodingChannel();
        feed(channel, bytes);
        List<Object> out = drainInbound(channel);
        channel.finishAndReleaseAll();
        return out;
    }

    static DecodeError decodeError(byte[] frame) {
        List<Object> out = decodeAll(frame);
        if (out.size() != 1 || !(out.get(0) instanceof DecodeError error)) {
            throw new AssertionError("expected exactly one DecodeError, got " + out);
        }
        return error;
    }
}
