package io.pitwall.ingest.lapsnapper.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pitwall.events.Passing;
import io.pitwall.ingest.lapsnapper.codec.AbsoluteTime;
import io.pitwall.ingest.lapsnapper.codec.LapSnapperCodec;
import io.pitwall.ingest.lapsnapper.codec.MessageHeader;
import io.pitwall.ingest.lapsnapper.codec.TimeEvent;
import io.pitwall.ingest.lapsnapper.mapping.PassingMapper;
import io.pitwall.ingest.lapsnapper.stream.EpochTracker;
import io.pitwall.ingest.lapsnapper.stream.StreamKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many LapSnapper time events one core turns from bytes into Avro {@link Passing}s per second: the ingest's
 * hot path (frame decoder, JSON message decoder, epoch tracker, mapper), single-threaded as on one event loop.
 *
 * <ul>
 *   <li>{@link #pipeline}: a TCP read of {@value #BATCH} frames through the real Netty pipeline
 *       ({@code LapSnapperCodec.addTo}) into Passings — the figure quoted in the README.</li>
 *   <li>{@link #singleFrame}: one frame decoded outside a pipeline and mapped.</li>
 *   <li>{@link #pipelineToAvroBinary}: as {@link #pipeline} plus Avro binary encoding of each Passing (what the
 *       publisher's serializer does after the registry lookup, which is cached).</li>
 * </ul>
 * Frames are the API trace's TIME EVENT shape (about 230 bytes) with increasing ids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LapSnapperDecodeBenchmark {

    static final int BATCH = 100;
    static final MessageHeader SERVER = new MessageHeader(60, 520_000);
    static final StreamKey STREAM = new StreamKey("spa", 10022);

    private ByteBuf batch;
    private byte[] oneFrame;
    private EpochTracker tracker;
    private EmbeddedChannel channel;
    private Sink sink;
    private final SpecificDatumWriter<Passing> writer = new SpecificDatumWriter<>(Passing.class);
    private final ByteArrayOutputStream avroOut = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;

    @Setup(Level.Trial)
    public void setUp() {
        long t0 = 1_607_504_803_361L;
        ByteBuf frames = Unpooled.buffer(BATCH * 256);
        for (int i = 0; i < BATCH; i++) {
            LapSnapperCodec.encode(new TimeEvent(SERVER, 10_003 + i % 20, 1, "Driver " + (i % 20),
                    new AbsoluteTime(157 + i, t0 + i * 4_321L), i % 3 == 0 ? 0 : 1), frames);
        }
        batch = frames;
        oneFrame = LapSnapperCodec.encode(new TimeEvent(SERVER, 10_003, 1, "Mark", new AbsoluteTime(157, t0), 1));
        // the same ids every invocation: after the first pass each event is recognised as re-sent, which costs
        // the same window lookup as a new one
        tracker = EpochTracker.fresh(STREAM, () -> 1L);
        sink = new Sink();
        channel = new EmbeddedChannel();
        LapSnapperCodec.addTo(channel.pipeline(), LapSnapperCodec.DEFAULT_MAX_PAYLOAD_LENGTH);
        channel.pipeline().addLast(sink);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        batch.release();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pipeline(Blackhole bh) {
        sink.bh = bh;
        sink.avro = false;
        channel.writeInbound(batch.retainedDuplicate());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pipelineToAvroBinary(Blackhole bh) {
        sink.bh = bh;
        sink.avro = true;
        channel.writeInbound(batch.retainedDuplicate());
    }

    @Benchmark
    public Passing singleFrame() {
        TimeEvent event = (TimeEvent) LapSnapperCodec.decodeFrame(Unpooled.wrappedBuffer(oneFrame));
        return toPassing(event);
    }

    Passing toPassing(TimeEvent event) {
        EpochTracker.Assignment a = tracker.assign(event.absoluteTime().timeStampId(), event.transponderId(),
                event.transponderInstance(), event.absoluteTime().absoluteTime(), event.isLapLine() ? 1 : 0);
        return PassingMapper.toPassing(STREAM, a.epoch(), event, Instant.ofEpochMilli(1_607_504_803_400L));
    }

    /** The end of the pipeline: what the session and the publisher do with each decoded event. */
    private final class Sink extends ChannelInboundHandlerAdapter {
        Blackhole bh;
        boolean avro;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
            Passing passing = toPassing((TimeEvent) msg);
            if (avro) {
                avroOut.reset();
                encoder = EncoderFactory.get().binaryEncoder(avroOut, encoder);
                writer.write(passing, encoder);
                encoder.flush();
                bh.consume(avroOut.size());
            } else {
                bh.consume(passing);
            }
        }
    }
}
