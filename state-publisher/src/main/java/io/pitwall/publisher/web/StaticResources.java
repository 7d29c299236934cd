package io.pitwall.publisher.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The live timing page: plain HTML, CSS and JavaScript under {@code web/} on the classpath, read once
 * and served from memory with a content ETag.
 */
public final class StaticResources {

    /** Letters, digits, dash, underscore, dots and slashes only, and never "..": nothing outside web/. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*\\.[a-z0-9]+");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8");

    /**
     * @param bytes        file content
     * @param contentType  media type
     * @param etag         quoted strong entity tag
     * @param cacheControl {@code no-cache} for the page itself (so a deploy shows at once), a few minutes for assets
     */
    public record Resource(byte[] bytes, String contentType, String etag, String cacheControl) {
    }

    private final String root;
    private final Map<String, Optional<Resource>> cache = new ConcurrentHashMap<>();

    public StaticResources(String root) {
        this.root = root;
    }

    /** @param path relative to the web root, e.g. {@code index.html} or {@code assets/app.js} */
    public Optional<Resource> get(String path) {
        if (!SAFE.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, this::load);
    }

    private Optional<Resource> load(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String cacheControl = path.endsWith(".html") ? "no-cache" : "public, max-age=300";
            return Optional.of(new Resource(bytes, type, etag(bytes), cacheControl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
