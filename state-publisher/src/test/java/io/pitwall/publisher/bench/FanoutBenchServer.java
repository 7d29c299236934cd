package io.pitwall.publisher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.netty.util.internal.PlatformDependent;
import io.pitwall.embedded.EmbeddedKafka;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.StatePublisher;
import io.pitwall.publisher.config.PublisherConfig;
import io.pitwall.publisher.fanout.Transport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The server side of the fan-out benchmark: a real state publisher fed through Kafka with a 60-car
 * session (the Le Mans 2021 recording) changing {@code --rate} times a second, each state stamped
 * with {@code lastUpdated} (first field) just before it is produced. Prints the publisher process's
 * CPU, memory and its own delivery-lag percentiles every {@code --report} seconds.
 *
 * <p>Kafka: {@code --bootstrap host:port}, or else an embedded broker in a child JVM so that its CPU
 * is not counted as the publisher's.
 *
 * <pre>
 * java -Xmx1g -cp ... io.pitwall.publisher.bench.FanoutBenchServer --http-port 8099 [--rate 10] [--cars 60]
 * </pre>
 */
public final class FanoutBenchServer {

    static final String UUID = "bench";

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs(argv);
        int rate = args.integer("rate", 10);
        int cars = args.integer("cars", 60);
        String bootstrap = args.get("bootstrap", "");
        EmbeddedKafka kafka = null;
        if (bootstrap.isEmpty()) {
            Path dir = Files.createTempDirectory("pitwall-bench-kafka");
            kafka = EmbeddedKafka.builder(dir).port(0).mode(EmbeddedKafka.Mode.CHILD_PROCESS).build().start();
            bootstrap = kafka.bootstrapServers();
        }
        String states = "bench.timing71.states";
        String manifests = "bench.timing71.manifests";
        if (kafka != null) {
            kafka.createTopics(List.of(
                    new NewTopic(states, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(manifests, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap", bootstrap);
        settings.put("states.topic", states);
        settings.put("manifests.topic", manifests);
        settings.put("http.port", args.get("http-port", "8099"));
        settings.put("t71.port", "-1");
        settings.put("rmonitor.port", "-1");
        settings.put("max.connections", args.get("max-connections", "30000"));
        settings.put("io.threads", args.get("io-threads", "0"));
        settings.put("websocket.compression", args.get("compression", "true"));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        ObjectNode manifest = Fixtures.manifest(Fixtures.LM24, UUID, "Fan-out benchmark");
        producer.send(new ProducerRecord<>(manifests, UUID, Fixtures.bytes(manifest))).get();
        SessionGenerator session = new SessionGenerator(Fixtures.state(Fixtures.LM24), manifest, cars);
        producer.send(new ProducerRecord<>(states, UUID, Fixtures.bytes(session.next()))).get();

        StatePublisher publisher = new StatePublisher(PublisherConfig.of(settings)).start();
        while (!publisher.isReady()) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        System.out.printf("READY ws://127.0.0.1:%d/t71/%s (%d cars, %d updates/s, %d bytes per state)%n",
                publisher.httpPort(), UUID, cars, rate, Fixtures.bytes(session.next()).length);

        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        timer.scheduleAtFixedRate(() -> producer.send(new ProducerRecord<>(states, UUID, Fixtures.bytes(session.next()))),
                0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Reporter reporter = new Reporter(publisher);
        int every = args.integer("report", 10);
        timer.scheduleAtFixedRate(reporter::report, every, every, TimeUnit.SECONDS);

        EmbeddedKafka broker = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            publisher.close();
            producer.close();
            if (broker != null) {
                broker.close();
            }
        }));
        Thread.currentThread().join();
    }

    /** A running session: laps and sector times move on every update, as they would at a real race. */
    static final class SessionGenerator {
        private final ObjectNode base;
        private final int s1;
        private final int last;
        private final Random random = new Random(71);
        private double elapsed;

        SessionGenerator(ObjectNode state, JsonNode manifest, int cars) {
            ArrayNode rows = (ArrayNode) state.path("cars");
            while (rows.size() > cars) {
                rows.remove(rows.size() - 1);
            }
            this.base = state;
            this.s1 = Fixtures.column(manifest, "S1");
            this.last = Fixtures.column(manifest, "Last");
            ((ObjectNode) state.path("session")).put("flagState", "green");
            this.elapsed = state.path("session").path("timeElapsed").asDouble();
        }

        synchronized ObjectNode next() {
            elapsed += 0.1;
            ObjectNode state = Fixtures.MAPPER.createObjectNode();
            // first, so the load generator finds it in the first bytes of every message
            state.put("lastUpdated", System.currentTimeMillis());
            ArrayNode cars = base.path("cars").deepCopy();
            for (int i = 0; i < 3; i++) {
                ArrayNode car = (ArrayNode) cars.get(random.nextInt(cars.size()));
                car.set(s1, Fixtures.MAPPER.createArrayNode().add(32 + random.nextInt(3000) / 1000.0).add(""));
                car.set(last, Fixtures.MAPPER.createArrayNode().add(205 + random.nextInt(9000) / 1000.0).add(""));
            }
            state.set("cars", cars);
            ObjectNode session = base.path("session").deepCopy();
            session.put("timeElapsed", elapsed);
            state.set("session", session);
            state.set("messages", base.path("messages"));
            state.set("highlight", Fixtures.MAPPER.createArrayNode());
            return state;
        }
    }

    /** CPU (cores busy), memory and the publisher's delivery-lag percentiles of the last interval. */
    static final class Reporter {
        private final StatePublisher publisher;
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long lastCpu = os.getProcessCpuTime();
        private long lastWall = System.nanoTime();

        Reporter(StatePublisher publisher) {
            this.publisher = publisher;
        }

        void report() {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            double cores = (cpu - lastCpu) / (double) (wall - lastWall);
            lastCpu = cpu;
            lastWall = wall;
            var lag = publisher.metrics().deliveryLagTimer(Transport.T71).takeSnapshot();
            double p50 = -1;
            double p99 = -1;
            for (ValueAtPercentile v : lag.percentileValues()) {
                if (v.percentile() == 0.5) {
                    p50 = v.value(TimeUnit.MILLISECONDS);
                } else if (v.percentile() == 0.99) {
                    p99 = v.value(TimeUnit.MILLISECONDS);
                }
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT,
                    "SERVER clients=%d cpu=%.2f cores rss=%d MiB heap=%d MiB direct=%d MiB lag(server) p50=%.1f ms p99=%.1f ms load=%s%n",
                    publisher.metrics().clients(Transport.T71).get(), cores, rssMiB(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, PlatformDependent.usedDirectMemory() >> 20, p50, p99,
                    FanoutLoadGenerator.loadAverage());
        }

        private static long rssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                    }
                }
            } catch (Exception e) {
                // not Linux
            }
            return -1;
        }
    }
}
