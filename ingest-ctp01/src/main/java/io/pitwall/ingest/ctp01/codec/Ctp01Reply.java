package io.pitwall.ingest.ctp01.codec;

import java.util.List;
import java.util.Optional;

/** A client's answer to a server command: {@code ack~<command>~…} or {@code err~<command>~…}. */
public sealed interface Ctp01Reply extends Ctp01Message {

    /** The command this reply answers; empty for {@code err~~unknown command}. */
    String command();

    /** {@code ack~getconnectionid~<id>}: the identity that survives reconnects of one client. */
    record ConnectionIdAck(String connectionId) implements Ctp01Reply {
        @Override
        public String command() {
            return "getconnectionid";
        }
    }

    /** {@code ack~getlocations[~<location>…]}. */
    record LocationsAck(List<String> locations) implements Ctp01Reply {
        public LocationsAck {
            locations = List.copyOf(locations);
        }

        @Override
        public String command() {
            return "getlocations";
        }
    }

    /**
     * {@code ack~geteventinfo~<name>~<id>~<description>}; fields the client left out are empty
     * ("if available"), and a description containing {@code ~} is kept whole.
     */
    record EventInfoAck(String eventName, String eventId, String description) implements Ctp01Reply {
        @Override
        public String command() {
            return "geteventinfo";
        }
    }

    /** {@code ack~start[~<location>]}, sent only when {@code pushmode-ack=true}. */
    record StartAck(Optional<String> location) implements Ctp01Reply {
        @Override
        public String command() {
            return "start";
        }
    }

    /** {@code ack~stop[~<location>]}, sent only when {@code pushmode-ack=true}. */
    record StopAck(Optional<String> location) implements Ctp01Reply {
        @Override
        public String command() {
            return "stop";
        }
    }

    /** {@code ack~getdata~<itemcount>}: exactly that many tag event lines follow. */
    record GetDataAck(int itemCount) implements Ctp01Reply {
        @Override
        public String command() {
            return "getdata";
        }
    }

    /** {@code ack~ping}; anything after it is ignored, a liveness answer should not be refused. */
    record PingAck() implements Ctp01Reply {
        @Override
        public String command() {
            return "ping";
        }
    }

    /** {@code err~<command>~<message>}, e.g. {@code err~getdata~invalid location}. */
    record ErrorReply(String command, String message) implements Ctp01Reply {
    }
}
