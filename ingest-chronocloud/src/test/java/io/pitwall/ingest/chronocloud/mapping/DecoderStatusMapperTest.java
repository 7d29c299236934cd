package io.pitwall.ingest.chronocloud.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.DecoderStatusKind;
import io.pitwall.events.Source;
import io.pitwall.ingest.chronocloud.codec.ConnectedPdu;
import io.pitwall.ingest.chronocloud.codec.KeepalivePdu;
import io.pitwall.ingest.chronocloud.codec.MalfunctionPdu;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import io.pitwall.ingest.chronocloud.codec.SpecExamples;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DecoderStatusMapperTest {

    final PduDecoder decoder = new PduDecoder();
    final DecoderStatusMapper mapper = new DecoderStatusMapper(VenueClocks.of(ZoneId.of("Europe/Helsinki")));

    @Test
    void connected() {
        ConnectedPdu pdu = (ConnectedPdu) decoder.decode(SpecExamples.bytes(SpecExamples.CONNECTED));
        DecoderStatus status = mapper.connected(pdu, "v", SignatureCheck.UNSIGNED, "/10.0.0.7:51234", Instant.EPOCH);
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.CONNECTED);
        assertThat(status.getSource()).isEqualTo(Source.CHRONOCLOUD);
        assertThat(status.getStreamId()).isEqualTo("v/ChronoFly-12345");
        assertThat(status.getMessage()).isEqualTo("ChronoFly ChronoFly-12345 1.2.30 connected from /10.0.0.7:51234");
        assertThat(status.getAttributes()).containsEntry("version", "1.2.30").containsEntry("competition", "166656")
                .containsEntry("station", "ChronoFly-12345").containsEntry("signature", "unsigned");
    }

    @Test
    void aKeepaliveReportsTheStationsClockOffset() {
        KeepalivePdu pdu = (KeepalivePdu) decoder.decode(SpecExamples.bytes(SpecExamples.KEEPALIVE));
        // sent 22:19:17.531 +02:00, received 1.5 s later by our clock: the station is 1.5 s behind
        Instant received = Instant.parse("2007-11-20T20:19:19.031Z");
        DecoderStatus status = mapper.keepalive(pdu, "v", SignatureCheck.UNSIGNED, received);
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.CLOCK_OFFSET);
        assertThat(status.getClockOffsetMillis()).isEqualTo(-1500L);
        assertThat(status.getObservedAt()).isEqualTo(received);
        assertThat(status.getMessage()).isEqualTo("keepalive; station clock -1500 ms");
    }

    @Test
    void malfunction() {
        MalfunctionPdu pdu = (MalfunctionPdu) decoder.decode(SpecExamples.bytes(SpecExamples.MALFUNCTION));
        DecoderStatus status = mapper.malfunction(pdu, "v", SignatureCheck.UNSIGNED, Instant.EPOCH);
        assertThat(status.getKind()).isEqualTo(DecoderStatusKind.MALFUNCTION);
        assertThat(status.getMessage()).isEqualTo(
                "java.net.SocketException: Connection timeout at com.enymind.drivers.MercuryComm.connect() (Unknown error)");
        assertThat(status.getAttributes()).containsEntry("type", "1").containsEntry("message2", "Unknown error");
    }

    @Test
    void connectionEvents() {
        assertThat(mapper.disconnected("v", "s", "closed by the station", Instant.EPOCH).getKind())
                .isEqualTo(DecoderStatusKind.DISCONNECTED);
        DecoderStatus lost = mapper.heartbeatLost("v", "s", Duration.ofSeconds(95), Instant.EPOCH);
        assertThat(lost.getKind()).isEqualTo(DecoderStatusKind.HEARTBEAT_LOST);
        assertThat(lost.getMessage()).isEqualTo("no PDU for 95 s; closing the connection");
    }
}
