package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.Source;
import io.pitwall.schemas.testing.StubRegistryServer;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of a {@link Passing} in the Confluent wire format, built by hand from the Avro
 * specification (zigzag varints, length-prefixed UTF-8 strings, enum and union indexes, map
 * blocks), independently of Avro's encoder. If these tests break, Confluent consumers can no
 * longer read Pitwall's topics (or the other way round).
 */
class ConfluentWireBytesTest {

    /** 0x01020304: every byte of the id differs, so a wrong byte order cannot go unnoticed. */
    private static final int SCHEMA_ID = 0x01020304;
    private static final String TOPIC = "timing.passings";

    private StubRegistryServer registry;

    @BeforeEach
    void start() throws Exception {
        registry = StubRegistryServer.start();
        registry.respond("POST", "/subjects/timing.passings-value/versions", 200, "{\"id\":" + SCHEMA_ID + "}");
        String schemaBody = new ObjectMapper().createObjectNode().put("schema", Passing.getClassSchema().toString()).toString();
        registry.respond("GET", "/schemas/ids/" + SCHEMA_ID, 200, schemaBody);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    static Passing passing() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("hits", "12");
        return Passing.newBuilder()
                .setVenueId("spa")
                .setSource(Source.CTP01)
                .setStreamId("loc-1")
                .setStreamEpoch(3)
                .setSequence(4711)
                .setTransponder("1234567")
                .setName("Max")
                .setPassingTime(Instant.parse("2025-06-14T13:05:42.123456Z"))
                .setLine(LineKind.SECTOR)
                .setLineIndex(2)
                .setReceivedAt(Instant.parse("2025-06-14T13:05:42.200Z"))
                .setAttributes(attributes)
                .build();
    }

    static byte[] expectedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, "00");                                   // magic byte
        bytes(out, "01 02 03 04");                          // schema id 16909060, big-endian
        bytes(out, "06 73 70 61");                          // venueId: length 3 (zigzag 6), "spa"
        bytes(out, "02");                                   // source: enum index 1 = CTP01
        bytes(out, "0A 6C 6F 63 2D 31");                    // streamId: length 5, "loc-1"
        bytes(out, "06");                                   // streamEpoch: 3
        bytes(out, "CE 49");                                // sequence: 4711 -> zigzag 9422 -> varint CE 49
        bytes(out, "0E 31 32 33 34 35 36 37");              // transponder: length 7, "1234567"
        bytes(out, "02 06 4D 61 78");                       // name: union branch 1 (string), length 3, "Max"
        bytes(out, "80 DF CC 9E FA E1 9B 06");              // passingTime: 1749906342123456 µs
        bytes(out, "02");                                   // line: enum index 1 = SECTOR
        bytes(out, "02 04");                                // lineIndex: union branch 1 (int), 2
        bytes(out, "F0 84 DE E8 ED 65");                    // receivedAt: 1749906342200 ms
        bytes(out, "02 08 68 69 74 73 04 31 32 00");        // attributes: block of 1, "hits" -> "12", end block
        return out.toByteArray();
    }

    private Map<String, Object> config(boolean specific) {
        return Map.of("schema.registry.url", registry.url(), "specific.avro.reader", specific, "max.retries", 0);
    }

    @Test
    void serializesAPassingToTheExactConfluentBytes() {
        try (PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>()) {
            serializer.configure(config(false), false);

            byte[] actual = serializer.serialize(TOPIC, passing());

            assertThat(hex(actual)).isEqualTo(hex(expectedBytes()));
        }
    }

    @Test
    void deserializesHandBuiltConfluentBytesIntoTheGeneratedClass() {
        try (PitwallAvroDeserializer<Passing> deserializer = new PitwallAvroDeserializer<>()) {
            deserializer.configure(config(true), false);

            Passing actual = deserializer.deserialize(TOPIC, expectedBytes());

            assertThat(actual).isEqualTo(passing());
            assertThat(registry.requests()).extracting(StubRegistryServer.RecordedRequest::rawPath)
                    .containsExactly(StubRegistryServer.BASE_PATH + "/schemas/ids/16909060");
        }
    }

    @Test
    void deserializesHandBuiltConfluentBytesIntoAGenericRecord() {
        try (PitwallAvroDeserializer<GenericRecord> deserializer = new PitwallAvroDeserializer<>()) {
            deserializer.configure(config(false), false);

            GenericRecord actual = deserializer.deserialize(TOPIC, expectedBytes());

            assertThat(actual).isNotInstanceOf(Passing.class);
            assertThat(actual.getSchema()).isEqualTo(Passing.getClassSchema());
            assertThat(actual.get("venueId").toString()).isEqualTo("spa");
            assertThat(actual.get("source")).isEqualTo(new GenericData.EnumSymbol(actual.getSchema().getField("source").schema(), "CTP01"));
            assertThat(actual.get("sequence")).isEqualTo(4711L);
            assertThat(actual.get("name").toString()).isEqualTo("Max");
            assertThat(actual.get("passingTime")).as("timestamp-micros stays a long in a GenericRecord").isEqualTo(1749906342123456L);
            assertThat(actual.get("lineIndex")).isEqualTo(2);
            assertThat(actual.get("receivedAt")).isEqualTo(1749906342200L);
            assertThat(actual.get("attributes").toString()).isEqualTo("{hits=12}");
        }
    }

    @Test
    void serializingTwiceMakesOneRegistryCall() {
        try (PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>()) {
            serializer.configure(config(false), false);
            serializer.serialize(TOPIC, passing());
            serializer.serialize(TOPIC, passing());
            assertThat(registry.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        try (PitwallAvroSerializer<Passing> serializer = new PitwallAvroSerializer<>();
                PitwallAvroDeserializer<Passing> deserializer = new PitwallAvroDeserializer<>()) {
            serializer.configure(config(false), false);
            deserializer.configure(config(true), false);

            assertThat(serializer.serialize(TOPIC, null)).isNull();
            assertThat(deserializer.deserialize(TOPIC, null)).isNull();
            assertThat(registry.requestCount()).isZero();
        }
    }

    @Test
    void theZigzagVarintsAboveFollowTheSpec() {
        // spot checks of the encoding used to build the bytes above, from the Avro specification's table
        assertThat(zigzagVarint(0)).isEqualTo("00");
        assertThat(zigzagVarint(-1)).isEqualTo("01");
        assertThat(zigzagVarint(1)).isEqualTo("02");
        assertThat(zigzagVarint(-64)).isEqualTo("7F");
        assertThat(zigzagVarint(64)).isEqualTo("80 01");
        assertThat(zigzagVarint(4711)).isEqualTo("CE 49");
        assertThat(zigzagVarint(1749906342123456L)).isEqualTo("80 DF CC 9E FA E1 9B 06");
        assertThat(zigzagVarint(1749906342200L)).isEqualTo("F0 84 DE E8 ED 65");
    }

    /** The Avro spec's long encoding, written out: zigzag, then 7 bits per byte, low group first. */
    private static String zigzagVarint(long n) {
        long zigzag = (n << 1) ^ (n >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return hex(out.toByteArray());
    }

    private static void bytes(ByteArrayOutputStream out, String hex) {
        out.writeBytes(HexFormat.ofDelimiter(" ").parseHex(hex));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
