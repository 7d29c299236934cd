package io.pitwall.publisher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.store.Document;
import io.pitwall.publisher.store.DocumentKind;
import io.pitwall.publisher.store.DocumentParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private final FrameEncoder encoder = new FrameEncoder(UnpooledByteBufAllocator.DEFAULT, true, 6);

    private Document state() throws Exception {
        return new DocumentParser(Fixtures.MAPPER).parse(DocumentKind.STATE,
                Fixtures.bytes(Fixtures.state(Fixtures.LM24)), 0, 0);
    }

    @Test
    void stateFrameIsTheTiming71StateUpdateMessage() throws Exception {
        Document doc = state();
        Frame frame = encoder.encode(DocumentKind.STATE, doc);
        try {
            JsonNode message = Fixtures.parse(frame.t71Text().toString(StandardCharsets.UTF_8));
            assertThat(message.path("type").asText()).isEqualTo("STATE_UPDATE");
            assertThat(message.path("state")).isEqualTo(doc.json());
            assertThat(message.has("manifest")).as("the manifest travels in its own message").isFalse();
        } finally {
            frame.release();
        }
    }

    @Test
    void manifestAndAnalysisUseTheirOwnEnvelopes() throws Exception {
        Document manifest = new DocumentParser(Fixtures.MAPPER).parse(DocumentKind.MANIFEST,
                Fixtures.bytes(Fixtures.manifest(Fixtures.ELMS)), 0, 0);
        Frame m = encoder.encode(DocumentKind.MANIFEST, manifest);
        Document analysis = new DocumentParser(Fixtures.MAPPER).parse(DocumentKind.ANALYSIS,
                "{\"lap\":{}}".getBytes(StandardCharsets.UTF_8), 0, 0);
        Frame a = encoder.encode(DocumentKind.ANALYSIS, analysis);
        try {
            JsonNode mm = Fixtures.parse(m.t71Text().toString(StandardCharsets.UTF_8));
            assertThat(mm.path("type").asText()).isEqualTo("MANIFEST_UPDATE");
            assertThat(mm.path("manifest").path("uuid").asText()).isEqualTo("dd203019f9fc49e2a954a3b9281a4927");
            JsonNode aa = Fixtures.parse(a.t71Text().toString(StandardCharsets.UTF_8));
            assertThat(aa.path("type").asText()).isEqualTo("ANALYSIS_STATE");
            assertThat(aa.path("data").has("lap")).isTrue();
        } finally {
            m.release();
            a.release();
        }
    }

    @Test
    void deflatedPayloadInflatesToTheSameMessageAsRfc7692Describes() throws Exception {
        Frame frame = encoder.encode(DocumentKind.STATE, state());
        try {
            byte[] payload = ByteBufUtil.getBytes(frame.t71Deflated());
            // RFC 7692 7.2.2: the receiver appends 0x00 0x00 0xff 0xff and inflates
            Inflater inflater = new Inflater(true);
            inflater.setInput(concat(payload, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = inflater.inflate(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
            assertThat(out.toByteArray()).isEqualTo(ByteBufUtil.getBytes(frame.t71Text()));
            assertThat(payload.length).as("a 61-car state compresses well").isLessThan(frame.t71Text().readableBytes() / 3);
        } finally {
            frame.release();
        }
    }

    @Test
    void sseEventIsOneEventWithOneDataLine() throws Exception {
        Document doc = state();
        Frame frame = encoder.encode(DocumentKind.STATE, doc);
        try {
            String event = frame.sseEvent().toString(StandardCharsets.UTF_8);
            assertThat(event).startsWith("event: state\ndata: {").endsWith("}\n\n");
            assertThat(event.substring(0, event.length() - 2).split("\n")).hasSize(2);
            assertThat(Fixtures.parse(event.substring("event: state\ndata: ".length()))).isEqualTo(doc.json());
        } finally {
            frame.release();
        }
    }

    @Test
    void buffersAreFreedWhenTheLastHolderReleases() throws Exception {
        Frame frame = encoder.encode(DocumentKind.STATE, state());
        ByteBuf text = frame.t71Text();
        ByteBuf inFlight = text.retainedDuplicate();
        frame.release();
        assertThat(text.refCnt()).as("a write in flight keeps the bytes").isEqualTo(1);
        inFlight.release();
        assertThat(text.refCnt()).isZero();
        assertThat(frame.t71Deflated().refCnt()).isZero();
        assertThat(frame.sseEvent().refCnt()).isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
