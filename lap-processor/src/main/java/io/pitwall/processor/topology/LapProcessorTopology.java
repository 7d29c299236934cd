package io.pitwall.processor.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The lap-processor topology:
 * <pre>
 *   timing.passings ──► reorder (dedupe + reorder per stream) ─┐
 *   timing.sessions ───────────────────────────────────────────┼─► timing (one session per venue) ─┬─► timing.laps
 *   timing.session-control ────────────────────────────────────┘                                   ├─► timing71.states
 *                                                                                                   └─► timing71.manifests
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
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReorderProcessor.POSITIONS_STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReorderProcessor.HELD_STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TimingInputStore.NAME), Serdes.Bytes(), Serdes.ByteArray()));

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
                .process(() -> new TimingProcessor(config, metrics), Named.as("timing"), TimingInputStore.NAME);

        outputs.filter((key, out) -> out instanceof TimingOutput.Lap, Named.as("laps-only"))
                .mapValues(out -> ((TimingOutput.Lap) out).event(), Named.as("lap-events"))
                .to(config.lapsTopic(), Produced.with(Serdes.String(), serdes.laps()).withName("laps"));
        outputs.filter((key, out) -> out instanceof TimingOutput.State, Named.as("states-only"))
                .mapValues(out -> ((TimingOutput.State) out).json(), Named.as("state-json"))
                .to(config.statesTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("states"));
        outputs.filter((key, out) -> out instanceof TimingOutput.Manifest, Named.as("manifests-only"))
                .mapValues(out -> ((TimingOutput.Manifest) out).json(), Named.as("manifest-json"))
                .to(config.manifestsTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("manifests"));
        return builder.build();
    }
}
