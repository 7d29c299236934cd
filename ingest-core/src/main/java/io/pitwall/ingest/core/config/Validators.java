package io.pitwall.ingest.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/** Validators shared by the Pitwall services. */
public final class Validators {

    private Validators() {
    }

    public static Validator<Integer> intRange(int min, int max) {
        return v -> v >= min && v <= max ? Optional.empty() : Optional.of("an integer from " + min + " to " + max);
    }

    public static Validator<Long> longRange(long min, long max) {
        return v -> v >= min && v <= max ? Optional.empty() : Optional.of("an integer from " + min + " to " + max);
    }

    /** A TCP port; 0 lets the operating system pick one (useful in tests). */
    public static Validator<Integer> port() {
        return intRange(0, 65_535);
    }

    public static Validator<java.time.Duration> positiveDuration() {
        return d -> d.isNegative() || d.isZero() ? Optional.of("a duration greater than zero") : Optional.empty();
    }

    public static Validator<String> notBlank() {
        return s -> s.isBlank() ? Optional.of("a non-empty value") : Optional.empty();
    }

    /** {@code host:port[,host:port...]}, the shape of Kafka's {@code bootstrap.servers}. */
    public static Validator<String> hostPortList() {
        return text -> {
            for (String item : text.split(",", -1)) {
                String entry = item.trim();
                int colon = entry.lastIndexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    return Optional.of("a comma-separated list of host:port");
                }
                try {
                    int port = Integer.parseInt(entry.substring(colon + 1));
                    if (port < 1 || port > 65_535) {
                        return Optional.of("a comma-separated list of host:port with ports from 1 to 65535");
                    }
                } catch (NumberFormatException e) {
                    return Optional.of("a comma-separated list of host:port");
                }
            }
            return Optional.empty();
        };
    }

    /** One or more comma-separated absolute {@code http://} or {@code https://} URLs. */
    public static Validator<String> httpUrlList() {
        return text -> {
            for (String item : text.split(",", -1)) {
                try {
                    URI uri = new URI(item.trim());
                    String scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                            || uri.getHost() == null) {
                        return Optional.of("one or more comma-separated http:// or https:// URLs");
                    }
                } catch (URISyntaxException e) {
                    return Optional.of("one or more comma-separated http:// or https:// URLs");
                }
            }
            return Optional.empty();
        };
    }

    /** Every list item must pass {@code item}. */
    public static Validator<List<String>> eachItem(Validator<String> item) {
        return list -> list.stream().map(item::check).flatMap(Optional::stream).findFirst();
    }
}
