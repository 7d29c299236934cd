package io.pitwall.ingest.ctp01.codec;

import java.util.Objects;

/**
 * The server's answer to the client greeting: {@code <program>~<version>~<N>} followed by the N
 * {@code key=value} request lines of {@code options}.
 */
public record ServerGreeting(String program, String version, Ctp01RequestOptions options) implements Ctp01Outbound {

    public ServerGreeting {
        Ctp01LineWriter.checkField("program", program, false);
        Ctp01LineWriter.checkField("version", version, true);
        Objects.requireNonNull(options, "options");
    }
}
