package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every PDU of the ChronoCloud 2 document, and the older style from the notes, decoded field by field. */
class PduDecoderSpecExamplesTest {

    final PduDecoder decoder = new PduDecoder();

    @Test
    void passing() {
        String text = SpecExamples.text(SpecExamples.PASSING);
        PassingPdu pdu = (PassingPdu) decoder.decode(text);

        assertThat(pdu.station()).isEqualTo("ChronoFly-12345");
        assertThat(pdu.competition()).isEqualTo("166656");
        assertThat(pdu.envelope().signature().text()).isEqualTo("aW52YWxpZA==");
        assertThat(pdu.envelope().sent()).contains(new PduTime.Offset(
                OffsetDateTime.parse("2007-11-20T22:19:17.531+02:00"), "2007-11-20T22:19:17.531+02:00"));
        assertThat(pdu.id()).isEqualTo(new EventId("70", 70));
        assertThat(pdu.stationType()).isEqualTo("Route-TC-Finish");
        assertThat(pdu.round()).isEqualTo("ET 4 TC 9 Huhdanoja A");
        assertThat(pdu.time()).isEqualTo(new PduTime.Offset(
                OffsetDateTime.parse("2007-11-20T22:19:17.532+02:00"), "2007-11-20T22:19:17.532+02:00"));
        assertThat(pdu.tcTime()).contains(new PduTime.Offset(
                OffsetDateTime.parse("2007-11-20T22:19:00.000+02:00"), "2007-11-20T22:19:00.000+02:00"));
        assertThat(pdu.transponder()).isEqualTo("7");
        assertThat(pdu.hits()).contains("0");
        assertThat(pdu.lap()).contains("5");
        assertThat(pdu.event()).isEqualTo("passing");
        // the signed bytes are the data object exactly as it stands in the frame, line breaks included
        assertThat(pdu.envelope().signedData()).isEqualTo(text.substring(text.indexOf("{\n\"event\""), text.lastIndexOf('}')).trim());
        assertThat(pdu.envelope().signedData()).startsWith("{\n\"event\": \"passing\",").endsWith("\"lap\": \"5\"\n}");
    }

    @Test
    void passingIsConfirmedWithItsIdAsWritten() {
        PassingPdu pdu = (PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.PASSING));
        assertThat(Confirmation.bumb(pdu.id()).text()).isEqualTo("bumb-70");
    }

    @Test
    void connected() {
        ConnectedPdu pdu = (ConnectedPdu) decoder.decode(SpecExamples.bytes(SpecExamples.CONNECTED));
        assertThat(pdu.station()).isEqualTo("ChronoFly-12345");
        assertThat(pdu.competition()).isEqualTo("166656");
        assertThat(pdu.id()).isEqualTo(new EventId("0", 0));
        assertThat(pdu.version()).contains("1.2.30");
        assertThat(pdu.envelope().signedData()).isEqualTo("{\n\"event\": \"connected\",\n\"id\": \"0\",\n\"version\": \"1.2.30\"\n}");
        assertThat(Confirmation.bumb(pdu.id()).text()).isEqualTo("bumb-0");
    }

    @Test
    void keepalive() {
        KeepalivePdu pdu = (KeepalivePdu) decoder.decode(SpecExamples.bytes(SpecExamples.KEEPALIVE));
        assertThat(pdu.station()).isEqualTo("ChronoFly-12345");
        assertThat(pdu.id()).contains(new EventId("0", 0));
        assertThat(pdu.envelope().sent()).map(PduTime::text).contains("2007-11-20T22:19:17.531+02:00");
        assertThat(Confirmation.PONG.text()).isEqualTo("pong");
    }

    @Test
    void malfunction() {
        MalfunctionPdu pdu = (MalfunctionPdu) decoder.decode(SpecExamples.bytes(SpecExamples.MALFUNCTION));
        assertThat(pdu.station()).isEqualTo("ChronoFly-12345");
        assertThat(pdu.message()).contains("java.net.SocketException: Connection timeout at com.enymind.drivers.MercuryComm.connect()");
        assertThat(pdu.message2()).contains("Unknown error");
        assertThat(pdu.type()).contains("1");
    }

    @Test
    void olderChronoFlyWithTimeOfDayAndHexSignature() {
        PassingPdu pdu = (PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.OLDER_PASSING));
        assertThat(pdu.time()).isEqualTo(new PduTime.TimeOfDay(LocalTime.of(20, 47, 57, 765_000_000), "20:47:57.765"));
        assertThat(pdu.envelope().sent()).contains(new PduTime.TimeOfDay(LocalTime.of(20, 47, 57, 901_000_000), "20:47:57.901"));
        assertThat(pdu.tcTime()).isEmpty();
        assertThat(pdu.envelope().signature().encoding()).isEqualTo(PduSignature.Encoding.HEX);
        assertThat(pdu.envelope().signedData()).isEqualTo("{\"event\":\"passing\",\"id\":\"4291\",\"type\":\"Track-Finish\","
                + "\"round\":\"Heat 2\",\"time\":\"20:47:57.765\",\"transponder\":\"1042\",\"hits\":\"3\",\"lap\":\"12\"}");
        assertThat(Confirmation.bumb(pdu.id()).text()).isEqualTo("bumb-4291");
    }

    @Test
    void theDocumentsPlaceholderSignatureReadsAsBase64() {
        PduSignature signature = ((PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.PASSING))).envelope().signature();
        assertThat(signature.encoding()).isEqualTo(PduSignature.Encoding.BASE64);
        assertThat(signature.candidates()).singleElement()
                .satisfies(bytes -> assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("invalid"));
    }

    @Test
    void layoutDoesNotMatterOnlyContent() {
        PassingPdu pretty = (PassingPdu) decoder.decode(SpecExamples.bytes(SpecExamples.PASSING));
        String compact = SpecExamples.text(SpecExamples.PASSING).replace("\n", "").replace("\": \"", "\":\"");
        PassingPdu dense = (PassingPdu) decoder.decode(compact);
        assertThat(dense.id()).isEqualTo(pretty.id());
        assertThat(dense.time()).isEqualTo(pretty.time());
        assertThat(dense.transponder()).isEqualTo(pretty.transponder());
        assertThat(dense.envelope().signedData()).isNotEqualTo(pretty.envelope().signedData());
    }

    @Test
    void membersInAnyOrderAndUnknownOnesIgnored() {
        PassingPdu pdu = (PassingPdu) decoder.decode("{\"data\":{\"lap\":\"1\",\"transponder\":\"9\",\"time\":\"12:00:00\","
                + "\"round\":\"R\",\"type\":\"Track-Finish\",\"id\":\"1\",\"event\":\"passing\",\"speed\":42.5,"
                + "\"extra\":{\"nested\":[1,2,3]}},\"competition\":\"c\",\"station\":\"s\",\"firmware\":7}");
        assertThat(pdu.transponder()).isEqualTo("9");
        assertThat(pdu.envelope().signature()).isEqualTo(PduSignature.NONE);
        assertThat(pdu.envelope().sent()).isEqualTo(Optional.empty());
        assertThat(pdu.hits()).isEmpty();
    }
}
