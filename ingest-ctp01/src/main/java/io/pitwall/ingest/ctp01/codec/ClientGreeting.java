package io.pitwall.ingest.ctp01.codec;

/** The first line a client sends: {@code <program>~<version>~CTP01}. */
public record ClientGreeting(String program, String version) implements Ctp01Message {

    /** The protocol token that ends the greeting. */
    public static final String PROTOCOL = "CTP01";
}
