package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6100 "Get Decoder Time": the client asks for the decoder clock. */
public record GetDecoderTime(MessageHeader header) implements LapSnapperMessage {

    public GetDecoderTime {
        Objects.requireNonNull(header, "header");
    }

    @Override
    public MessageId id() {
        return MessageId.GET_DECODER_TIME;
    }
}
