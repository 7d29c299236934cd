package io.pitwall.ingest.lapsnapper.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fuzz test's contract on a few thousand mutated streams every build, because Jazzer's regression mode only
 * replays the stored seeds. Fixed seed: a failure names its iteration and reproduces.
 */
class DecoderRandomizedTest {

    private static final List<byte[]> FRAMES = new ArrayList<>();

    static {
        SampleMessages.ALL.forEach(m -> FRAMES.add(LapSnapperCodec.encode(m)));
        FRAMES.add(SpecExamples.GOLDEN_START_MATIC_STATUS);
        FRAMES.add(SpecExamples.GOLDEN_STOP_SESSION);
        SpecExamples.RECOMPUTED.forEach(e -> FRAMES.add(e.frameBytes()));
    }

    @Test
    void mutatedStreamsKeepTheDecoderContract() {
        SplittableRandom random = new SplittableRandom(20250404);
        for (int i = 0; i < 3000; i++) {
            byte[] input = mutate(stream(random), random);
            try {
                DecoderInvariants.check(input);
            } catch (AssertionError e) {
                throw new AssertionError("iteration " + i + ", input " + HexFormat.of().formatHex(input), e);
            }
        }
    }

    @Test
    void randomBytesKeepTheDecoderContract() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            DecoderInvariants.check(input);
        }
    }

    private static byte[] stream(SplittableRandom random) {
        int count = 1 + random.nextInt(4);
        byte[][] parts = new byte[count][];
        for (int i = 0; i < count; i++) {
            parts[i] = FRAMES.get(random.nextInt(FRAMES.size()));
        }
        return TestFrames.concat(parts);
    }

    private static byte[] mutate(byte[] input, SplittableRandom random) {
        byte[] out = input.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out = Arrays.copyOf(out, at); // truncate
                case 3 -> { // interesting bytes for a JSON parser
                    byte[] tokens = "{}[]\",:0-9e.\\ntu".getBytes(StandardCharsets.US_ASCII);
                    out[at] = tokens[random.nextInt(tokens.length)];
                }
                case 4 -> { // delete a byte: shifts every later frame boundary
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> { // a UTF-8 lead byte or a high length byte
                    out[at] = (byte) (random.nextBoolean() ? 0xC3 : 0xFF);
                }
            }
        }
        return out;
    }
}
