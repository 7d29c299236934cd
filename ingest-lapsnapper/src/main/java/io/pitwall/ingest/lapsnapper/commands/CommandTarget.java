package io.pitwall.ingest.lapsnapper.commands;

import io.pitwall.ingest.lapsnapper.DecoderServer;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperMessage;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A LapSnapper connection as the {@link CommandDispatcher} sees it (implemented by {@code DecoderConnection}). */
public interface CommandTarget {

    DecoderServer server();

    /** The decoder of the current or last handshake; empty before the first. */
    Optional<StreamKey> stream();

    String streamIdForStatus();

    /** Whether a handshaken connection is open now. */
    boolean isReady();

    /** One line describing the connection's state, for reports. */
    String state();

    /** Writes a message on the handshaken connection; fails when there is none. */
    CompletionStage<Void> send(LapSnapperMessage message);

    /** Registers a callback for every successful handshake. */
    void onReady(Consumer<? super CommandTarget> listener);
}
