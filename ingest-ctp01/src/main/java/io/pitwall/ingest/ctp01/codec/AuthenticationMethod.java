package io.pitwall.ingest.ctp01.codec;

import java.util.Locale;

/** The {@code authentication} request option. */
public enum AuthenticationMethod {
    NONE("none", false),
    PLAINTEXT("plaintext", false),
    HMAC_SHA1("hmac-sha1", true),
    HMAC_MD5("hmac-md5", true),
    SEED_SHA1("seed-sha1", true),
    SEED_MD5("seed-md5", true);

    private final String optionValue;
    private final boolean seeded;

    AuthenticationMethod(String optionValue, boolean seeded) {
        this.optionValue = optionValue;
        this.seeded = seeded;
    }

    public String optionValue() {
        return optionValue;
    }

    /** Whether the client needs an {@code authentication-seed} to compute its answer. */
    public boolean requiresSeed() {
        return seeded;
    }

    public static AuthenticationMethod fromOptionValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (AuthenticationMethod method : values()) {
            if (method.optionValue.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown CTP01 authentication method: " + value);
    }
}
