package io.pitwall.processor.topology;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Entry;
import io.pitwall.events.LapEvent;
import io.pitwall.events.LineKind;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.events.SessionType;
import io.pitwall.events.Source;
import io.pitwall.events.StopKind;
import io.pitwall.events.StopRule;
import io.pitwall.events.TrackSettings;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The lap-processor topology in a {@link TopologyTestDriver}, with its input and output topics, and test inputs. */
final class TopologyHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-05-17T13:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, Passing> passings;
    final TestInputTopic<String, SessionConfig> sessions;
    final TestInputTopic<String, SessionControl> controls;
    final TestOutputTopic<String, LapEvent> laps;
    final TestOutputTopic<String, String> states;
    final TestOutputTopic<String, String> manifests;

    TopologyHarness(LapProcessorConfig config, EventSerdes serdes, Properties extra) {
        this(config, serdes, extra, ProcessingMetrics.NONE, AppliedInputHook.NONE);
    }

    /** With the timing engine's test seam: {@code hook} runs after each input the engine applied. */
    TopologyHarness(LapProcessorConfig config, ProcessingMetrics metrics, AppliedInputHook hook) {
        this(config, plainSerdes(), new Properties(), metrics, hook);
    }

    private TopologyHarness(LapProcessorConfig config, EventSerdes serdes, Properties extra, ProcessingMetrics metrics,
                            AppliedInputHook hook) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "lap-processor-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.putAll(extra);
        driver = new TopologyTestDriver(LapProcessorTopology.build(config, serdes, metrics, hook), properties, T0);
        passings = driver.createInputTopic(config.passingsTopic(), Serdes.String().serializer(),
                serdes.passings().serializer());
        sessions = driver.createInputTopic(config.sessionsTopic(), Serdes.String().serializer(),
                serdes.sessions().serializer());
        controls = driver.createInputTopic(config.sessionControlTopic(), Serdes.String().serializer(),
                serdes.controls().serializer());
        laps = driver.createOutputTopic(config.lapsTopic(), Serdes.String().deserializer(), serdes.laps().deserializer());
        states = driver.createOutputTopic(config.statesTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
        manifests = driver.createOutputTopic(config.manifestsTopic(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    TopologyHarness(LapProcessorConfig config) {
        this(config, plainSerdes(), new Properties());
    }

    static EventSerdes plainSerdes() {
        return new EventSerdes(new PlainAvroSerde<>(Passing.class), new PlainAvroSerde<>(SessionConfig.class),
                new PlainAvroSerde<>(SessionControl.class), new PlainAvroSerde<>(LapEvent.class));
    }

    /** A race at venue {@code v}, session {@code s1}, one car #7 with transponder {@code tx7}, 30 s minimum lap. */
    static SessionConfig config() {
        return SessionConfig.newBuilder().setVenueId("v").setSessionId("s1").setName("Club").setType(SessionType.RACE)
                .setStopRule(StopRule.newBuilder().setKind(StopKind.MANUAL).build())
                .setTrackSettings(TrackSettings.newBuilder().setMinimumLapTimeEnabled(true)
                        .setMinimumLapTimeMillis(30_000).build())
                .setEntries(List.of(Entry.newBuilder().setCarNumber("7").setTransponders(List.of("tx7")).build()))
                .setUpdatedAt(T0.minusSeconds(600)).build();
    }

    /** A FINISH crossing of car #7, {@code seconds} after T0. */
    static Passing passing(long sequence, double seconds) {
        Instant time = T0.plusMillis(Math.round(seconds * 1000));
        return Passing.newBuilder().setVenueId("v").setSource(Source.CTP01).setStreamId("finish").setSequence(sequence)
                .setTransponder("tx7").setPassingTime(time).setLine(LineKind.FINISH).setReceivedAt(time).build();
    }

    static SessionControl control(ControlAction action, double seconds) {
        return SessionControl.newBuilder().setVenueId("v").setSessionId("s1").setAction(action)
                .setAt(T0.plusMillis(Math.round(seconds * 1000))).build();
    }

    /** An in-memory timing input store, for a timing processor outside a topology. */
    static KeyValueStore<Bytes, byte[]> inputStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TimingInputStore.NAME), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
    }

    /** A context for a timing processor outside a topology, with {@code store} as its input store. */
    static MockProcessorContext<String, TimingOutput> mockContext(KeyValueStore<Bytes, byte[]> store) {
        MockProcessorContext<String, TimingOutput> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        return context;
    }

    @Override
    public void close() {
        driver.close();
    }
}
