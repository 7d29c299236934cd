package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6102 "Decoder Time Failed": the decoder time is not available. */
public record DecoderTimeFailed(MessageHeader header) implements LapSnapperMessage {

    public DecoderTimeFailed {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public MessageId id() {
        return MessageId.DECODER_TIME_FAILED;
    }
}
