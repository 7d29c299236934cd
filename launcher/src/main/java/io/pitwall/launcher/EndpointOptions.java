package io.pitwall.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where a client command ({@code tail}, {@code session}) finds Kafka and the schema registry: its own
 * option, else the environment, else the endpoints file a running {@code pitwall up}/{@code demo} wrote.
 */
final class EndpointOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: $KAFKA_BOOTSTRAP, else the running local stack.")
    String bootstrap;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Schema registry URL. Default: $SCHEMA_REGISTRY_URL, else the running local stack.")
    String registryUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PITWALL_DATA_DIR:-.pitwall/data}",
            description = "Data directory of a local stack started by 'pitwall up' or 'demo'. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    private Properties local;

    /** Kafka bootstrap servers, or null when none is configured anywhere. */
    String kafka() {
        return firstOf(bootstrap, System.getenv("KAFKA_BOOTSTRAP"), localEndpoints().getProperty("KAFKA_BOOTSTRAP"));
    }

    /** Schema registry URL, or null when none is configured anywhere. */
    String registry() {
        return firstOf(registryUrl, System.getenv("SCHEMA_REGISTRY_URL"),
                localEndpoints().getProperty("SCHEMA_REGISTRY_URL"));
    }

    private Properties localEndpoints() {
        if (local == null) {
            local = new Properties();
            Path file = dataDir.resolve(LocalInfrastructure.ENDPOINTS_FILE);
            if (Files.isReadable(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    local.load(in);
                } catch (IOException e) {
                    System.err.println("Ignoring unreadable " + file + ": " + e.getMessage());
                }
            }
        }
        return local;
    }

    private static String firstOf(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
