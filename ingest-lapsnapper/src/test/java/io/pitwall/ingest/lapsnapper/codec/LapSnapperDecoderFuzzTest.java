package io.pitwall.ingest.lapsnapper.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes through frame decoder and message decoder, checked against {@link DecoderInvariants}.
 *
 * <p>In a plain {@code mvn test} Jazzer runs this in regression mode: once on the empty input and once per seed in
 * {@code src/test/resources/io/pitwall/ingest/lapsnapper/codec/LapSnapperDecoderFuzzTestInputs/decodesArbitraryBytesWithinContract/}.
 * To fuzz for real: {@code JAZZER_FUZZ=1 ./mvnw -pl ingest-lapsnapper test -Dtest=LapSnapperDecoderFuzzTest};
 * findings land in that seed directory and become regression inputs.
 */
class LapSnapperDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decodesArbitraryBytesWithinContract(byte[] input) {
        DecoderInvariants.check(input);
    }
}
