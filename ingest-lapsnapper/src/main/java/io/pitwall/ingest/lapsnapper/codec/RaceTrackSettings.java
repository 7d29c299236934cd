package io.pitwall.ingest.lapsnapper.codec;

import java.util.Objects;

/** 6405 "Race Track Settings" (remote control): minimum and maximum lap and sector times. */
public record RaceTrackSettings(MessageHeader header, String pinCode, TrackSettings trackSettings)
        implements LapSnapperMessage {

    public RaceTrackSettings {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
        Objects.requireNonNull(trackSettings, "trackSettings");
    }

    @Override
    public MessageId id() {
        return MessageId.RACE_TRACK_SETTINGS;
    }

    @Override
    public String toString() {
        return "RaceTrackSettings[header=" + header + ", pinCode=" + Redaction.PIN + ", trackSettings="
                + trackSettings + "]";
    }
}
