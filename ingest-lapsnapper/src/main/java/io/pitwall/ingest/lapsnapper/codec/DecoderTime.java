package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/**
 * 6101 "Decoder Time": the answer to {@link GetDecoderTime}.
 *
 * @param decoderTime the decoder clock in milliseconds (the same clock as {@link AbsoluteTime#absoluteTime()})
 */
public record DecoderTime(MessageHeader header, long decoderTime) implements LapSnapperMessage {

    public DecoderTime {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public MessageId id() {
        return MessageId.DECODER_TIME;
    }
}
