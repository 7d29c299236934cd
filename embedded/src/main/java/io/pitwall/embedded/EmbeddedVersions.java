package io.pitwall.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions of the embedded components, taken from the parent pom at build time (resource filtering),
 * so that bumping {@code apicurio.version} in one place also changes what is looked up at run time.
 */
public final class EmbeddedVersions {

    private static final Properties VERSIONS = load();

    private EmbeddedVersions() {
    }

    /** The Apache Kafka version of the embedded broker, e.g. {@code 4.3.1}. */
    public static String kafka() {
        return VERSIONS.getProperty("kafka.version");
    }

    /** The Apicurio Registry version of the embedded registry, e.g. {@code 2.6.13.Final}. */
    public static String apicurio() {
        return VERSIONS.getProperty("apicurio.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedVersions.class.getResourceAsStream("pitwall-embedded.properties")) {
            if (in == null) {
                throw new IllegalStateException("pitwall-embedded.properties is missing from the embedded jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            if (properties.getProperty(key).startsWith("${")) {
                throw new IllegalStateException("pitwall-embedded.properties was not filtered by Maven: " + key);
            }
        }
        return properties;
    }
}
