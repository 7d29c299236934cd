package io.pitwall.ingest.chronocloud.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The PDU examples under src/test/resources/io/pitwall/ingest/chronocloud/codec/examples. */
public final class SpecExamples {

    public static final String PASSING = "passing.json";
    public static final String CONNECTED = "connected.json";
    public static final String KEEPALIVE = "keepalive.json";
    public static final String MALFUNCTION = "malfunction.json";
    public static final String OLDER_PASSING = "passing-older-chronofly.json";

    private SpecExamples() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = SpecExamples.class.getResourceAsStream("examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
