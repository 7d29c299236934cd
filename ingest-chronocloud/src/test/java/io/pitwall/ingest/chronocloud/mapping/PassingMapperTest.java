package io.pitwall.ingest.chronocloud.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.ingest.chronocloud.codec.PassingPdu;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import io.pitwall.ingest.chronocloud.codec.SpecExamples;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import io.pitwall.ingest.chronocloud.signature.SignatureState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document's passing, and an older station's, as Avro events a lap processor can order and dedupe. */
class PassingMapperTest {

    final PduDecoder decoder = new PduDecoder();
    final PassingMapper mapper = new PassingMapper(VenueClocks.of(ZoneId.of("Europe/Helsinki")), LineMap.defaultMap());

    @Test
    void theDocumentsPassing() {
        PassingPdu pdu = (PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.PASSING));
        Instant received = Instant.parse("2007-11-20T20:19:18.004Z");

        Passing passing = mapper.toPassing(pdu, "huhdanoja", 0, SignatureCheck.UNSIGNED, received);

        assertThat(passing.getVenueId()).isEqualTo("huhdanoja");
        assertThat(passing.getSource()).isEqualTo(Source.CHRONOCLOUD);
        assertThat(passing.getStreamId()).isEqualTo("huhdanoja/ChronoFly-12345/166656/ET 4 TC 9 Huhdanoja A");
        assertThat(passing.getStreamEpoch()).isZero();
        assertThat(passing.getSequence()).isEqualTo(70);
        assertThat(passing.getTransponder()).isEqualTo("7");
        assertThat(passing.getName()).isNull();
        assertThat(passing.getPassingTime()).isEqualTo(Instant.parse("2007-11-20T20:19:17.532Z"));
        assertThat(passing.getLine()).as("Route-TC-Finish ends a stage").isEqualTo(LineKind.FINISH);
        assertThat(passing.getLineIndex()).isNull();
        assertThat(passing.getReceivedAt()).isEqualTo(received);
        assertThat(passing.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "station", "ChronoFly-12345",
                "competition", "166656",
                "round", "ET 4 TC 9 Huhdanoja A",
                "stationType", "Route-TC-Finish",
                "time", "2007-11-20T22:19:17.532+02:00",
                "tctime", "2007-11-20T20:19:00Z",
                "sent", "2007-11-20T20:19:17.531Z",
                "hits", "0",
                "lap", "5",
                "signature", "unsigned"));
    }

    @Test
    void anOlderStationsTimeOfDayIsAnchoredOnItsOwnSendTime() {
        PassingPdu pdu = (PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.OLDER_PASSING));
        // the anchor is the copy's own "sent" (20:47:57.901 local), which lies within a second of receipt
        Instant received = Instant.parse("2024-05-12T17:47:58.100Z");

        Passing passing = mapper.toPassing(pdu, "keimola", 0, SignatureCheck.VERIFIED, received);

        assertThat(passing.getPassingTime()).isEqualTo(Instant.parse("2024-05-12T17:47:57.765Z"));
        assertThat(passing.getSequence()).isEqualTo(4291);
        assertThat(passing.getLine()).isEqualTo(LineKind.FINISH);
        assertThat(passing.getAttributes()).containsEntry("time", "20:47:57.765").containsEntry("sent", "2024-05-12T17:47:57.901Z")
                .containsEntry("signature", "verified").doesNotContainKey("tctime");
    }

    @Test
    void epochAndConfiguredLinesAreCarriedOver() {
        PassingMapper sectors = new PassingMapper(VenueClocks.of(ZoneId.of("UTC")),
                new LineMap(Map.of("ChronoFly-12345/Track-Sector", LineAssignment.parse("SECTOR:2"))));
        PassingPdu pdu = (PassingPdu) decoder.decode(SpecExamples.text(SpecExamples.PASSING).replace("Route-TC-Finish", "Track-Sector"));
        Passing passing = sectors.toPassing(pdu, "v", 1_715_500_000_000L,
                new SignatureCheck(SignatureState.INVALID, "signature does not match the data"), Instant.EPOCH);
        assertThat(passing.getLine()).isEqualTo(LineKind.SECTOR);
        assertThat(passing.getLineIndex()).isEqualTo(2);
        assertThat(passing.getStreamEpoch()).isEqualTo(1_715_500_000_000L);
        assertThat(passing.getAttributes()).containsEntry("signature", "invalid")
                .containsEntry("signatureProblem", "signature does not match the data");
    }
}
