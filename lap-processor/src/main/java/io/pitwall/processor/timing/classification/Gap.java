package io.pitwall.processor.timing.classification;

/** A gap or interval as a timing screen shows it: nothing, whole laps, or a time. */
public sealed interface Gap {

    Gap NONE = new None();

    static Gap laps(int laps) {
        return new Laps(laps);
    }

    static Gap time(long micros) {
        return new Time(micros);
    }

    /** The leader, or no basis for comparison. */
    record None() implements Gap {
    }

    record Laps(int laps) implements Gap {
        public Laps {
            if (laps < 1) {
                throw new IllegalArgumentException("a lap gap is at least 1 lap: " + laps);
            }
        }
    }

    record Time(long micros) implements Gap {
    }
}
