package io.pitwall.ingest.ctp01.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arbitrary bytes through the framer, decoder and parser. Nothing but the documented
 * {@link Ctp01LineTooLongException} may escape, every output is a {@link Ctp01Inbound} whose
 * fields respect the protocol's limits, and how the bytes are split into reads changes nothing.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds under
 * {@code src/test/resources/io/pitwall/ingest/ctp01/codec/Ctp01DecoderFuzzTestInputs/decodeArbitraryBytes/}
 * as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class Ctp01DecoderFuzzTest {

    private static final int MAX_LINE = 256;
    private static final String FATAL = "<line too long>";

    @FuzzTest(maxDuration = "20s")
    void decodeArbitraryBytes(byte[] input) {
        List<Object> whole = decode(input, Math.max(1, input.length));
        int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0x0F);
        assertThat(decode(input, chunk)).isEqualTo(whole);
        for (Object message : whole) {
            checkInvariants(message);
        }
    }

    private static List<Object> decode(byte[] input, int chunkSize) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Ctp01Codec.install(channel.pipeline(),
                new Ctp01LineParser(TimeFormat.NORMAL, new VenueClock(ZoneId.of("Europe/Berlin"), LocalDate.of(2024, 3, 31))),
                MAX_LINE);
        List<Object> out = new ArrayList<>();
        boolean fatal = false;
        for (int from = 0; from < input.length && !fatal; from += chunkSize) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(input, from,
                        Math.min(input.length, from + chunkSize))));
            } catch (Ctp01LineTooLongException expected) {
                fatal = true;
            }
            drainInto(channel, out);
        }
        if (fatal) {
            out.add(FATAL);
        } else {
            channel.finish();
            drainInto(channel, out);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    private static void drainInto(EmbeddedChannel channel, List<Object> out) {
        Object message;
        while ((message = channel.readInbound()) != null) {
            assertThat(message).isInstanceOf(Ctp01Inbound.class);
            out.add(message);
        }
    }

    private static void checkInvariants(Object message) {
        if (message instanceof TagEvent event) {
            assertThat(event.sequence()).isBetween(1, TagObservation.MAX_SEQUENCE);
            assertThat(event.location().codePointCount(0, event.location().length()))
                    .isBetween(1, TagObservation.MAX_LOCATION_LENGTH);
            assertThat(event.time()).isNotNull();
        }
        if (message instanceof TagObservation observation) {
            assertThat(observation.tag()).matches("[!-~]{1,8}");
            assertThat(observation.readerId()).matches("[0-9A-F]{6}");
            assertThat(observation.gator()).isBetween(0, 99);
        }
        if (message instanceof Ctp01DecodeError error) {
            assertThat(error.excerpt().length()).isLessThanOrEqualTo(61);
            assertThat(error.excerpt().chars().noneMatch(Character::isISOControl)).isTrue();
        }
    }
}
