package io.pitwall.embedded;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The KRaft log directory: formats it on first use (what {@code kafka-storage.sh format} does) and
 * otherwise leaves it alone, so that a restart keeps the cluster id, the topics, the records and the
 * committed offsets.
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);
    static final String META_PROPERTIES = "meta.properties";

    private KraftStorage() {
    }

    /** The cluster id stored in an already formatted directory. */
    static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + meta, e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new EmbeddedStartupException(meta + " has no cluster.id; the directory is damaged. "
                    + "Delete " + logDir + " to start with an empty broker.");
        }
        return Optional.of(clusterId);
    }

    /**
     * Formats {@code logDir} for a fresh single-node cluster with a static quorum unless it is formatted
     * already; returns the cluster id either way.
     */
    static String formatIfNeeded(Path logDir) {
        Optional<String> existing = existingClusterId(logDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDir);
            String dir = logDir.toAbsolutePath().toString();
            // no initial controllers: kraft.version 0, i.e. the static quorum KafkaBrokerConfig sets up
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(KafkaBrokerConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir)
                    .addDirectory(dir)
                    .run();
        } catch (Exception e) {
            throw new EmbeddedStartupException("could not format KRaft storage in " + logDir + ": " + e.getMessage()
                    + System.lineSeparator() + output.toString(StandardCharsets.UTF_8), e);
        }
        LOG.info("Formatted KRaft storage {} for new cluster {}", logDir, clusterId);
        return clusterId;
    }
}
