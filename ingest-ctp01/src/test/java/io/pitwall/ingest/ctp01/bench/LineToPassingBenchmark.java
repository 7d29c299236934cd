package io.pitwall.ingest.ctp01.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pitwall.events.Passing;
import io.pitwall.ingest.ctp01.codec.Ctp01Inbound;
import io.pitwall.ingest.ctp01.codec.Ctp01LineParser;
import io.pitwall.ingest.ctp01.codec.TagObservation;
import io.pitwall.ingest.ctp01.codec.TimeFormat;
import io.pitwall.ingest.ctp01.codec.VenueClock;
import io.pitwall.ingest.ctp01.config.LineMap;
import io.pitwall.ingest.ctp01.mapping.PassingMapper;
import io.pitwall.ingest.ctp01.resume.StreamKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the ingest does per tag line on the event loop: decode one CTP01 line (as the framer hands it
 * over, a {@link ByteBuf} without its CR LF) into a {@link TagObservation} and map it to a
 * {@link Passing}; and, for scale, the same plus the Avro binary encoding the publisher's thread does
 * afterwards. Lines cycle through 1024 realistic observations (10 locations, varying tags, gators and
 * lap counts) in the time format under test. Run as described in the module README.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.pitwall"})
public class LineToPassingBenchmark {

    private static final int LINES = 1024;
    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final LocalDate EVENT_DATE = LocalDate.of(2025, 7, 26);
    private static final Instant START = Instant.parse("2025-07-26T12:00:00Z");

    @Param({"unix", "iso", "normal"})
    public String timeFormat;

    private Ctp01LineParser parser;
    private byte[][] lines;
    private int next;
    private final LineMap lineMap = LineMap.parse(List.of("finish:FINISH", "s1:SECTOR:1", "s2:SECTOR:2", "pitin:PIT_IN"));
    private final StreamKey[] streams = new StreamKey[10];
    private final Instant receivedAt = Instant.parse("2025-07-26T12:30:00Z");
    private final SpecificDatumWriter<Passing> writer = new SpecificDatumWriter<>(Passing.class);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    @Setup(Level.Trial)
    public void setUp() {
        TimeFormat format = TimeFormat.fromOptionValue(timeFormat);
        parser = new Ctp01LineParser(format, new VenueClock(ZONE, EVENT_DATE));
        String[] locations = {"finish", "s1", "s2", "pitin", "pitout", "start", "5k", "10k", "half", "30k"};
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new StreamKey("spa", "b617318655057264e28bc0b6fb378c8ef146be00", locations[i]);
        }
        lines = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            Instant time = START.plusMillis(i * 1_337L);
            String line = "CT01_33~" + (1000 + i) + "~" + locations[i % locations.length] + "~" + (100 + i % 60) + "~"
                    + time(format, time) + "~" + (i / 60) + "~0F2A" + String.format(Locale.ROOT, "%02X", i % 4) + "~"
                    + (1 + i % 8);
            lines[i] = line.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static String time(TimeFormat format, Instant time) {
        ZonedDateTime local = time.atZone(ZONE);
        String hundredths = String.format(Locale.ROOT, ".%02d", local.getNano() / 10_000_000);
        return switch (format) {
            case UNIX -> time.getEpochSecond() + hundredths;
            case ISO -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + hundredths;
            case NORMAL -> local.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + hundredths;
        };
    }

    private Passing parseAndMap() {
        byte[] line = lines[next];
        next = (next + 1) & (LINES - 1);
        Ctp01Inbound parsed = parser.parse(Unpooled.wrappedBuffer(line));
        TagObservation observation = (TagObservation) parsed;
        return PassingMapper.passing(streams[observation.sequence() % streams.length], 0, observation, lineMap,
                receivedAt);
    }

    /** Line bytes → {@link Passing}: the per-line work on the Netty event loop. */
    @Benchmark
    public Passing lineToPassing() {
        return parseAndMap();
    }

    /** Line bytes → {@link Passing} → Avro binary: adds what the publisher thread does per record. */
    @Benchmark
    public int lineToAvroBytes() throws IOException {
        Passing passing = parseAndMap();
        bytes.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
        writer.write(passing, encoder);
        encoder.flush();
        return bytes.size();
    }
}
