/**
 * Remote control: {@code DecoderCommand}s from {@code timing.commands} carried out once, only on handshaken
 * decoders and never late ({@link io.pitwall.ingest.lapsnapper.commands.CommandDispatcher}), with offsets
 * committed only past finished commands ({@link io.pitwall.ingest.lapsnapper.commands.CommandConsumer}).
 */
package io.pitwall.ingest.lapsnapper.commands;
