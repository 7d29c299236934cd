package io.pitwall.ingest.lapsnapper.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.pitwall.ingest.lapsnapper.codec.TestFrames.frame;
import static io.pitwall.ingest.lapsnapper.codec.TestFrames.hex;

/**
 * The binary examples of LapSnapper API v5.20 section 4.3, kept in the test sources so the build never needs the
 * document.
 *
 * <p>Only two of the twelve dumps are byte-exact (their length field equals the bytes shown): those are the
 * golden vectors. The other ten each lost one byte in transcription, mostly a {@code 0} of
 * {@code "serverVersion":520000} or {@code "lapSnapperProductID":1000000}; their JSON text is still valid and in
 * the document's key order, so {@link #RECOMPUTED} keeps that text with a length field recomputed from it.
 */
final class SpecExamples {

    private SpecExamples() {
    }

    /** Third STARTMATIC STATUS, 11:05:30.266, server to client: id 6403, length 0xA7 = 167. */
    static final byte[] GOLDEN_START_MATIC_STATUS = hex("""
            03 19 A7 00 00 00 7B 22 6D 65 73 73 61 67 65 48 65 61 64 65 72 22 3A 7B 22 6D 65 73 73 61 67 65
            49 44 22 3A 36 34 30 33 2C 22 6C 61 70 53 6E 61 70 70 65 72 50 72 6F 64 75 63 74 49 44 22 3A 31
            30 30 30 30 30 30 2C 22 73 65 72 76 65 72 56 65 72 73 69 6F 6E 22 3A 35 32 30 30 30 30 7D 2C 22
            70 69 6E 43 6F 64 65 22 3A 22 31 32 33 34 22 2C 22 73 74 61 72 74 4D 61 74 69 63 53 74 61 74 75
            73 22 3A 36 2C 22 73 74 61 72 74 4D 61 74 69 63 44 61 74 61 22 3A 31 2C 22 73 74 61 72 74 4D 61
            74 69 63 44 61 74 61 32 22 3A 2D 31 7D""");

    /** STOP SESSION, 11:07:06.773, client to server: id 6400, length 0x6A = 106. */
    static final byte[] GOLDEN_STOP_SESSION = hex("""
            00 19 6A 00 00 00 7B 22 6D 65 73 73 61 67 65 48 65 61 64 65 72 22 3A 7B 22 6D 65 73 73 61 67 65
            49 44 22 3A 36 34 30 30 2C 22 6C 61 70 53 6E 61 70 70 65 72 50 72 6F 64 75 63 74 49 44 22 3A 31
            30 30 30 30 30 30 2C 22 73 65 72 76 65 72 56 65 72 73 69 6F 6E 22 3A 35 32 30 30 30 30 7D 2C 22
            70 69 6E 43 6F 64 65 22 3A 22 31 32 33 34 22 7D""");

    /** GET SERVER INFORMATION exactly as printed: its length field says 110, but only 109 bytes follow. */
    static final byte[] MISPRINTED_SERVER_INFO_REQUEST = TestFrames.concat(
            hex("70 17 6E 00 00 00"),
            "{\"messageHeader\":{\"messageID\":6000,\"lapSnapperProductID\":1000000,\"serverVersion\":52000},\"password\":[1,2,3,4]}"
                    .getBytes(StandardCharsets.US_ASCII));

    /** A document example whose JSON text is kept and whose length field is recomputed from it. */
    record Example(String name, int messageId, String json) {
        byte[] frameBytes() {
            return frame(messageId, json);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Example> RECOMPUTED = List.of(
            new Example("GET SERVER INFORMATION", 6000,
                    "{\"messageHeader\":{\"messageID\":6000,\"lapSnapperProductID\":1000000,\"serverVersion\":52000},\"password\":[1,2,3,4]}"),
            new Example("SERVER INFORMATION", 6001,
                    "{\"messageHeader\":{\"messageID\":6001,\"lapSnapperProductID\":60,\"serverVersion\":52000},\"decoderInfo\":{\"productID\":1,\"versionNumber\":510,\"deviceType\":2,\"deviceID\":10022,\"decoderMode\":1,\"decoderStatus\":1},\"systemState\":0}"),
            new Example("HEARTBEAT", 6003,
                    "{\"messageHeader\":{\"messageID\":6003,\"lapSnapperProductID\":60,\"serverVersion\":52000}}"),
            new Example("START SESSION", 6402,
                    "{\"messageHeader\":{\"messageID\":6402,\"lapSnapperProductID\":1000000,\"serverVersion\":520000},\"pinCode\":\"1234\",\"sessionParameters\":{\"sessionType\":0,\"triggerLineCount\":1,\"startLine\":0,\"stopType\":1,\"stopValue\":-1,\"continuousSession\":false,\"personalStoppingCriteria\":false,\"resultsAreOrderedAgainstTotalTime\":false,\"sessionStopStartsWhenLeaderReachesStopValue\":false},\"trackSettings\":{\"minimumLapTimeEnabled\":false,\"minimumLapTime\":15000,\"minimumSector1Time\":5000,\"minimumSector2Time\":5000,\"minimumSector3Time\":5000,\"maximumLapTimeEnabled\":false,\"maximumLapTime\":24000}}"),
            new Example("STARTMATIC STATUS 1", 6403,
                    "{\"messageHeader\":{\"messageID\":6403,\"lapSnapperProductID\":100000,\"serverVersion\":520000},\"pinCode\":\"1234\",\"startMaticStatus\":1,\"startMaticData\":60,\"startMaticData2\":1}"),
            new Example("STARTMATIC STATUS 2", 6403,
                    "{\"messageHeader\":{\"messageID\":6403,\"lapSnapperProductID\":100000,\"serverVersion\":520000},\"pinCode\":\"1234\",\"startMaticStatus\":4,\"startMaticData\":15,\"startMaticData2\":-1}"),
            new Example("TIME EVENT 1", 6110,
                    "{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,\"serverVersion\":52000},\"transponderID\":10003,\"transponderInstance\":1,\"transponderName\":\"Mark\",\"absoluteTime\":{\"timeStampID\":157,\"absoluteTime\":1607504803361},\"lapLine\":1}"),
            new Example("TIME EVENT 2", 6110,
                    "{\"messageHeader\":{\"messageID\":6110,\"lapSnapperProductID\":60,\"serverVersion\":52000},\"transponderID\":10004,\"transponderInstance\":1,\"transponderName\":\"Michael\",\"absoluteTime\":{\"timeStampID\":160,\"absoluteTime\":1607504814590},\"lapLine\":1}"));
}
