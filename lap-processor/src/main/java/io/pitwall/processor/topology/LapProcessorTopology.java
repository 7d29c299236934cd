package io.pitwall.processor.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The lap-processor topology:
 * <pre>
 *   timing.passings ──► reorder (dedupe + reorder per stream) ─┐
 *   timing.sessions ───────────────────────────────────────────┼─► timing (one session per venue) ─┬─► timing.laps
 *   timing.session-control ────────────────────────────────────┘                                   ├─► timing71.states
 *                                                                                                   ├─► timing71.manifests
 *                                                          (an input the timing engine fails on) └─► pitwall.dead-letter
 * </pre>
 * All inputs are keyed by venue and co-partitioned, so one task owns a venue. The Avro serdes are passed in,
 * so the registry-backed serde plugs in without touching the topology.
 */
public final class LapProcessorTopology {

    private LapProcessorTopology() {
    }

    public static Topology build(LapProcessorConfig config, EventSerdes serdes) {
        return build(config, serdes, ProcessingMetrics.NONE);
    }

    /** The topology, reporting what it counts to {@code metrics}. */
    public static Topology build(LapProcessorConfig config, EventSerdes serdes, ProcessingMetrics metrics) {
        return build(config, serdes, metrics, AppliedInputHook.NONE);
    }

    /** The topology with a hook after each input the timing engine applied (a test seam). */
    static Topology build(LapProcessorConfig config, EventSerdes serdes, ProcessingMetrics metrics,
                          AppliedInputHook appliedHook) {
        StreamsBuilder builder = new StreamsBuilder();
        LiveCommits liveCommits = LiveCommits.of(config);
        // cached stores: a key written many times between two commits (a stream's position, a passing held and
        // released) reaches RocksDB and its changelog once per commit instead of once per write
        builder.addStateStore(cachedStore(ReorderProcessor.POSITIONS_STORE));
        builder.addStateStore(cachedStore(ReorderProcessor.HELD_STORE));
        builder.addStateStore(cachedStore(TimingInputStore.NAME));

        KStream<String, TimingInput> passings = builder
                .stream(config.passingsTopic(), Consumed.with(Serdes.String(), serdes.passings()).withName("passings"))
                .process(() -> new ReorderProcessor(config, metrics), Named.as("reorder"),
                        ReorderProcessor.POSITIONS_STORE, ReorderProcessor.HELD_STORE);
        KStream<String, TimingInput> sessions = builder
                .stream(config.sessionsTopic(), Consumed.with(Serdes.String(), serdes.sessions()).withName("sessions"))
                .filter((venue, session) -> session != null, Named.as("sessions-present"))
                .mapValues(session -> (TimingInput) new TimingInput.OfConfig(session), Named.as("sessions-as-input"));
        KStream<String, TimingInput> controls = builder
                .stream(config.sessionControlTopic(),
                        Consumed.with(Serdes.String(), serdes.controls()).withName("session-control"))
                .filter((venue, control) -> control != null, Named.as("controls-present"))
                .mapValues(control -> (TimingInput) new TimingInput.OfControl(control), Named.as("controls-as-input"));

        KStream<String, TimingOutput> outputs = passings
                .merge(sessions, Named.as("merge-sessions"))
                .merge(controls, Named.as("merge-controls"))
                .process(() -> new TimingProcessor(config, metrics, serdes, appliedHook, liveCommits), Named.as("timing"),
                        TimingInputStore.NAME);

        outputs.filter((key, out) -> out instanceof TimingOutput.Lap, Named.as("laps-only"))
                .mapValues(out -> ((TimingOutput.Lap) out).event(), Named.as("lap-events"))
                .to(config.lapsTopic(), Produced.with(Serdes.String(), serdes.laps()).withName("laps"));
        outputs.filter((key, out) -> out instanceof TimingOutput.State, Named.as("states-only"))
                .mapValues(out -> ((TimingOutput.State) out).json(), Named.as("state-json"))
                .to(config.statesTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("states"));
        outputs.filter((key, out) -> out instanceof TimingOutput.Manifest, Named.as("manifests-only"))
                .mapValues(out -> ((TimingOutput.Manifest) out).json(), Named.as("manifest-json"))
                .to(config.manifestsTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("manifests"));
        outputs.filter((key, out) -> out instanceof TimingOutput.DeadLetter, Named.as("dead-letters-only"))
                .mapValues(out -> ((TimingOutput.DeadLetter) out).json(), Named.as("dead-letter-json"))
                .to(config.deadLetterTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters"));
        return builder.build();
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> cachedStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
