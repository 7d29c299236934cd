package io.pitwall.ingest.lapsnapper.codec;

/**
 * What {@link LapSnapperMessageDecoder} passes down the pipeline for every complete frame: either a typed
 * {@link LapSnapperMessage} or a {@link DecodeError}. A bad payload is a value, not an exception, because the
 * frame boundary is still intact and the connection can go on.
 */
public sealed interface DecodeResult permits LapSnapperMessage, DecodeError {
}
