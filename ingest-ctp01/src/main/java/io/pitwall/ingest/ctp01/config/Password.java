package io.pitwall.ingest.ctp01.config;

import java.util.Objects;

/**
 * A client password. CTP01's digest methods need the password itself on the server (the document says
 * so), so it is held in memory, but it never leaves this object by accident: {@link #toString()} and
 * records that contain it show {@code <secret>}.
 */
public final class Password {

    private final String value;

    public Password(String value) {
        this.value = Objects.requireNonNull(value, "password");
    }

    /** The password, for computing the expected authentication string only. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
