package io.pitwall.ingest.chronocloud.signature;

import java.util.Objects;

/** A {@link SignatureState} and, for {@link SignatureState#INVALID}, why. */
public record SignatureCheck(SignatureState state, String reason) {

    public static final SignatureCheck VERIFIED = new SignatureCheck(SignatureState.VERIFIED, "");
    public static final SignatureCheck UNSIGNED = new SignatureCheck(SignatureState.UNSIGNED, "");

    public SignatureCheck {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    static SignatureCheck invalid(String reason) {
        return new SignatureCheck(SignatureState.INVALID, reason);
    }

    public boolean isInvalid() {
        return state == SignatureState.INVALID;
    }
}
