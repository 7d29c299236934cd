package io.pitwall.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One registry base URL, split into the part requests go to and the credentials that may be
 * embedded in it ({@code https://user:secret@registry:8081}, Confluent's {@code URL} credentials
 * source). The credentials never appear in {@link #display()}, which is what messages and logs use.
 *
 * @param base           base URI without user info and without a trailing slash, e.g.
 *                       {@code http://localhost:8080/apis/ccompat/v7}
 * @param urlCredentials credentials from the URL's user info, if any
 */
public record RegistryEndpoint(URI base, Optional<BasicCredentials> urlCredentials) {

    /** Parses one URL of {@code schema.registry.url}. */
    public static RegistryEndpoint parse(String url) {
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("schema registry URL '" + redact(trimmed) + "' is not a valid URL: "
                    + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("schema registry URL '" + redact(trimmed)
                    + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL '" + redact(trimmed) + "' has no host");
        }
        Optional<BasicCredentials> credentials = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            // user info is percent-encoded in a URL, so a password with '@' or ':' can be written
            String userInfo = URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            credentials = Optional.of(BasicCredentials.parseUserInfo(userInfo));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            URI base = new URI(scheme + "://" + hostPort(uri) + path);
            return new RegistryEndpoint(base, credentials);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("schema registry URL '" + redact(trimmed) + "' is not valid", e);
        }
    }

    /** Parses every URL of a {@code schema.registry.url} list. */
    public static List<RegistryEndpoint> parseAll(List<String> urls) {
        List<RegistryEndpoint> endpoints = new ArrayList<>();
        for (String url : urls) {
            if (!url.isBlank()) {
                endpoints.add(parse(url));
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("schema.registry.url is empty: give at least one registry URL");
        }
        return List.copyOf(endpoints);
    }

    /** The URL as shown in messages: never contains credentials. */
    public String display() {
        return base.toString();
    }

    /** Absolute URI of an API path such as {@code /schemas/ids/1}. */
    public URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Removes user info from a URL string, for messages about URLs that failed to parse. */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int pathStart = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (pathStart < 0 || at < pathStart)) {
            return url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
        }
        return url;
    }

    private static String hostPort(URI uri) {
        String host = uri.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    @Override
    public String toString() {
        return display();
    }
}
