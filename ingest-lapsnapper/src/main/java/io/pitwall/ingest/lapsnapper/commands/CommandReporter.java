package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.events.DecoderCommand;

/** Told what became of every command and decoder it was meant for (the ingest publishes it as a DecoderStatus). */
@FunctionalInterface
public interface CommandReporter {

    /** What became of a command. */
    enum Result { SENT, EXPIRED, REJECTED, DUPLICATE }

    /**
     * @param streamId the decoder stream concerned, or the venue's server address when no decoder is known
     * @param message  for people; never contains a PIN
     */
    void report(DecoderCommand command, String streamId, Result result, String message);
}
