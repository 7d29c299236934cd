package io.pitwall.ingest.core.config;

import java.util.Optional;

/**
 * Checks a parsed option value.
 *
 * @param <T> the option's type
 */
@FunctionalInterface
public interface Validator<T> {

    /**
     * @return empty when the value is acceptable, otherwise what is allowed instead, phrased to follow
     *         "allowed: " (e.g. {@code "an integer from 1 to 65535"})
     */
    Optional<String> check(T value);

    /** Both this and {@code other} must accept the value; the first complaint wins. */
    default Validator<T> and(Validator<? super T> other) {
        return value -> {
            Optional<String> first = check(value);
            return first.isPresent() ? first : other.check(value);
        };
    }
}
