package io.pitwall.publisher.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.publisher.Fixtures;
import io.pitwall.publisher.StatePublisher;
import io.pitwall.publisher.config.PublisherConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * One state publisher on the shared test broker, with its own pair of compacted topics (tests share
 * the broker, never topics) and a producer playing the lap processor.
 */
public final class PublisherHarness implements AutoCloseable {

    private static final AtomicInteger SEQ = new AtomicInteger();

    public final String statesTopic;
    public final String manifestsTopic;
    private final KafkaCluster cluster;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, String> settings = new HashMap<>();
    private StatePublisher publisher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PublisherHarness(KafkaCluster cluster, String name) {
        this.cluster = cluster;
        String suffix = name + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        this.statesTopic = "it.timing71.states." + suffix;
        this.manifestsTopic = "it.timing71.manifests." + suffix;
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        cluster.createTopics(List.of(
                new NewTopic(statesTopic, 3, (short) 1).configs(compacted),
                new NewTopic(manifestsTopic, 3, (short) 1).configs(compacted)));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        settings.put("kafka.bootstrap", cluster.bootstrapServers());
        settings.put("states.topic", statesTopic);
        settings.put("manifests.topic", manifestsTopic);
        settings.put("http.port", "0");
        settings.put("t71.port", "0");
        settings.put("rmonitor.port", "0");
        settings.put("bind.address", "127.0.0.1");
    }

    /** Overrides a publisher option before {@link #start()}. */
    public PublisherHarness with(String option, String value) {
        settings.put(option, value);
        return this;
    }

    public StatePublisher start() throws InterruptedException {
        publisher = new StatePublisher(PublisherConfig.of(settings)).start();
        Awaitility.await("publisher read the topics").atMost(30, TimeUnit.SECONDS).until(publisher::isReady);
        return publisher;
    }

    public StatePublisher publisher() {
        return publisher;
    }

    public void sendManifest(String uuid, JsonNode manifest) {
        send(manifestsTopic, uuid, Fixtures.bytes(manifest));
    }

    public void sendState(String uuid, JsonNode state) {
        send(statesTopic, uuid, Fixtures.bytes(state));
    }

    /** Tombstones both topics, as the lap processor does when a session's service ends. */
    public void endService(String uuid) {
        send(statesTopic, uuid, null);
        send(manifestsTopic, uuid, null);
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    public String httpBase() {
        return "http://127.0.0.1:" + publisher.httpPort();
    }

    public String wsUrl(String path) {
        return "ws://127.0.0.1:" + publisher.httpPort() + path;
    }

    public String t71PortUrl(String path) {
        return "ws://127.0.0.1:" + publisher.t71Port() + path;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(httpBase() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
