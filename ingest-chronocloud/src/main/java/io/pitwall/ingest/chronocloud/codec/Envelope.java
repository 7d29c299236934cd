package io.pitwall.ingest.chronocloud.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * The members every PDU carries around its {@code data}.
 *
 * @param station     ChronoFly station identifier
 * @param competition ChronoFly competition identifier
 * @param signature   the {@code signature} member (empty text when absent)
 * @param sent        when ChronoFly sent the message, if it said so
 * @param signedData  the {@code data} object exactly as received (its JSON text): what a station signs
 */
public record Envelope(String station, String competition, PduSignature signature, Optional<PduTime> sent,
        String signedData) {

    public Envelope {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(signedData, "signedData");
    }
}
