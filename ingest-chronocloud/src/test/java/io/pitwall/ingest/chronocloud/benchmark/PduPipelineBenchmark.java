package io.pitwall.ingest.chronocloud.benchmark;

import io.pitwall.events.Passing;
import io.pitwall.ingest.chronocloud.codec.Envelope;
import io.pitwall.ingest.chronocloud.codec.PassingPdu;
import io.pitwall.ingest.chronocloud.codec.PduDecoder;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.signature.SignatureCheck;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.schemas.serde.PitwallAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one passing PDU costs on its way from the wire to Kafka, stage by stage: decode (JSON → typed
 * PDU), map (→ Avro {@code Passing}), serialize (→ Confluent wire format, schema id cached as in
 * production: {@link StubRegistry}), and the RSA-2048 signature check for stations with a key. The network and Kafka are
 * not in it: see {@code LoopbackLoadRun} for the whole server.
 *
 * <pre>
 * ./mvnw -q -B -pl ingest-chronocloud test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main PduPipelineBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class PduPipelineBenchmark {

    private static final int FRAMES = 1024;

    private final PduDecoder decoder = new PduDecoder();
    private final PassingMapper mapper = new PassingMapper(VenueClocks.of(ZoneId.of("Europe/Helsinki")), LineMap.defaultMap());
    private final Instant received = Instant.parse("2024-05-12T12:00:00Z");
    private byte[][] frames;
    private byte[][] signedFrames;
    private SignatureVerifier verifier;
    private PitwallAvroSerializer<Passing> serializer;
    private StubRegistry registry;
    private int next;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        verifier = new SignatureVerifier(StationKeys.of(Map.of("ChronoFly-1", key.getPublic())));
        frames = new byte[FRAMES][];
        signedFrames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            String data = "{\"event\":\"passing\",\"id\":\"" + i + "\",\"type\":\"Track-Finish\",\"round\":\"Race 1\","
                    + "\"time\":\"2024-05-12T15:0" + (i % 10) + ":17.532+03:00\",\"tctime\":\"2024-05-12T15:00:00.000+03:00\","
                    + "\"transponder\":\"" + (100 + i % 40) + "\",\"hits\":\"3\",\"lap\":\"" + (1 + i / 40) + "\"}";
            Signature rsa = Signature.getInstance("SHA1withRSA");
            rsa.initSign(key.getPrivate());
            rsa.update(data.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(rsa.sign());
            frames[i] = frame("aW52YWxpZA==", data);
            signedFrames[i] = frame(signature, data);
        }
        registry = new StubRegistry();
        serializer = new PitwallAvroSerializer<>(registry.client());
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    }

    private static byte[] frame(String signature, String data) {
        return ("{\"station\":\"ChronoFly-1\",\"competition\":\"166656\",\"signature\":\"" + signature
                + "\",\"sent\":\"2024-05-12T15:00:17.600+03:00\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    @TearDown
    public void tearDown() {
        serializer.close();
        registry.close();
    }

    private byte[] nextFrame(byte[][] from) {
        next = (next + 1) & (FRAMES - 1);
        return from[next];
    }

    @Benchmark
    public Object decode() {
        return decoder.decode(nextFrame(frames));
    }

    @Benchmark
    public Passing decodeMap() {
        PassingPdu pdu = (PassingPdu) decoder.decode(nextFrame(frames));
        return mapper.toPassing(pdu, "keimola", 0, SignatureCheck.UNSIGNED, received);
    }

    @Benchmark
    public byte[] decodeMapSerialize() {
        PassingPdu pdu = (PassingPdu) decoder.decode(nextFrame(frames));
        return serializer.serialize("timing.passings", mapper.toPassing(pdu, "keimola", 0, SignatureCheck.UNSIGNED, received));
    }

    @Benchmark
    public byte[] decodeVerifyMapSerialize() {
        PassingPdu pdu = (PassingPdu) decoder.decode(nextFrame(signedFrames));
        Envelope envelope = pdu.envelope();
        SignatureCheck check = verifier.check(envelope);
        return serializer.serialize("timing.passings", mapper.toPassing(pdu, "keimola", 0, check, received));
    }
}
