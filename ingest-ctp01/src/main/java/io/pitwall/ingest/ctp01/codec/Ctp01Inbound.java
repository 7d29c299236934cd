package io.pitwall.ingest.ctp01.codec;

/**
 * What {@link Ctp01LineDecoder} passes down the pipeline for every line it reads: a message, or a
 * decode error the session counts before reading on.
 */
public sealed interface Ctp01Inbound permits Ctp01Message, Ctp01DecodeError {
}
