package io.pitwall.ingest.lapsnapper.codec;

/** A decoded (or to-be-encoded) LapSnapper API v5.20 message. One record per message id. */
public sealed interface LapSnapperMessage extends DecodeResult
        permits ServerInfoRequest, ServerInfo, ServerInfoFailed, Heartbeat,
                GetDecoderTime, DecoderTime, DecoderTimeFailed, TimeEvent,
                StopSession, ExitSession, StartSession, StartMaticStatus, SessionInformation, RaceTrackSettings {

    /** The message id, written both in the frame and in {@code messageHeader.messageID}. */
    MessageId id();

    MessageHeader header();
}
