package io.pitwall.ingest.ctp01.codec;

import java.util.Optional;
import java.util.OptionalInt;

/** A command the server sends after the greeting (and authorization, when requested). */
public sealed interface Ctp01Command extends Ctp01Outbound {

    GetConnectionId GET_CONNECTION_ID = new GetConnectionId();
    GetLocations GET_LOCATIONS = new GetLocations();
    GetEventInfo GET_EVENT_INFO = new GetEventInfo();
    Ping PING = new Ping();

    /** {@code getconnectionid}: tells a re-established connection from a new one. */
    record GetConnectionId() implements Ctp01Command {
    }

    /** {@code getlocations}. */
    record GetLocations() implements Ctp01Command {
    }

    /** {@code geteventinfo}. */
    record GetEventInfo() implements Ctp01Command {
    }

    /** {@code ping}. */
    record Ping() implements Ctp01Command {
    }

    /**
     * {@code start[~<location>[~<sequence>]]} (push mode): without a location, every location
     * available now; without a sequence, from the first observation; with one, from that sequence
     * number inclusive, which is how a stream resumes.
     */
    record Start(Optional<String> location, OptionalInt fromSequence) implements Ctp01Command {
        public Start {
            location.ifPresent(Ctp01LineWriter::checkLocation);
            if (fromSequence.isPresent()) {
                if (location.isEmpty()) {
                    throw new IllegalArgumentException("start with a sequence needs a location");
                }
                Ctp01LineWriter.checkSequence(fromSequence.getAsInt());
            }
        }

        public static Start all() {
            return new Start(Optional.empty(), OptionalInt.empty());
        }

        public static Start location(String location) {
            return new Start(Optional.of(location), OptionalInt.empty());
        }

        public static Start resume(String location, int fromSequence) {
            return new Start(Optional.of(location), OptionalInt.of(fromSequence));
        }
    }

    /** {@code stop[~<location>]} (push mode): without a location, every location on the link. */
    record Stop(Optional<String> location) implements Ctp01Command {
        public Stop {
            location.ifPresent(Ctp01LineWriter::checkLocation);
        }

        public static Stop all() {
            return new Stop(Optional.empty());
        }

        public static Stop location(String location) {
            return new Stop(Optional.of(location));
        }
    }

    /**
     * {@code getdata~<maxitems>[~<location>[~<sequence>]]} (pull mode). The client answers
     * {@code ack~getdata~<n>} and n tag event lines, n at most {@code maxItems}.
     */
    record GetData(int maxItems, Optional<String> location, OptionalInt fromSequence) implements Ctp01Command {
        public GetData {
            if (maxItems < 1) {
                throw new IllegalArgumentException("getdata maxitems must be positive: " + maxItems);
            }
            location.ifPresent(Ctp01LineWriter::checkLocation);
            if (fromSequence.isPresent()) {
                if (location.isEmpty()) {
                    throw new IllegalArgumentException("getdata with a sequence needs a location filter");
                }
                Ctp01LineWriter.checkSequence(fromSequence.getAsInt());
            }
        }

        public static GetData next(int maxItems) {
            return new GetData(maxItems, Optional.empty(), OptionalInt.empty());
        }

        public static GetData next(int maxItems, String location) {
            return new GetData(maxItems, Optional.of(location), OptionalInt.empty());
        }

        public static GetData from(int maxItems, String location, int fromSequence) {
            return new GetData(maxItems, Optional.of(location), OptionalInt.of(fromSequence));
        }
    }
}
