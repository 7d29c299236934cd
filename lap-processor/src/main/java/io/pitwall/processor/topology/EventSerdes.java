package io.pitwall.processor.topology;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** The serdes of the Avro topics: the Confluent-wire-format serde in production, a plain one in tests. */
public record EventSerdes(Serde<Passing> passings, Serde<SessionConfig> sessions, Serde<SessionControl> controls,
                          Serde<LapEvent> laps) {

    public EventSerdes {
        Objects.requireNonNull(passings, "passings");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(laps, "laps");
    }
}
