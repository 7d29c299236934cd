package io.pitwall.ingest.ctp01.codec;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fresh {@code authentication-seed} values, one per connection, so a captured digest cannot be
 * replayed on a later connection. 128 random bits as 32 lower-case hex characters: nothing in them
 * needs escaping on a CTP01 line.
 */
public final class AuthenticationSeedGenerator {

    private static final int SEED_BYTES = 16;

    private final SecureRandom random;

    public AuthenticationSeedGenerator() {
        this(new SecureRandom());
    }

    public AuthenticationSeedGenerator(SecureRandom random) {
        this.random = random;
    }

    public String nextSeed() {
        byte[] bytes = new byte[SEED_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
