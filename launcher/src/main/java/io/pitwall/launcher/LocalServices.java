package io.pitwall.launcher;

import io.pitwall.ingest.core.config.CommandLine;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Configuration;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import io.pitwall.ingest.core.service.RunningService;
import io.pitwall.processor.service.LapProcessorOptions;
import io.pitwall.processor.service.LapProcessorService;
import io.pitwall.publisher.StatePublisher;
import io.pitwall.publisher.config.PublisherConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts Pitwall's services inside the launcher's JVM through their Java APIs, each with the options a
 * deployment would give it on its command line, pointed at the local broker and registry. The process
 * environment is not consulted: every option comes from the launcher (so e.g. an {@code HTTP_PORT} variable meant
 * for something else cannot make four services fight over one port).
 */
final class LocalServices {

    private final String bootstrap;
    private final String registryUrl;
    private final Path dataDir;
    private final String logLevel;

    LocalServices(String bootstrap, String registryUrl, Path dataDir) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.dataDir = dataDir;
        // the services set their root log level; the launcher's stderr stays quiet unless asked otherwise
        String level = System.getenv("PITWALL_LOG_LEVEL");
        this.logLevel = level == null || level.isBlank() ? "WARN" : level.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** Options every service shares here: Kafka, registry, health/metrics on a free loopback port. */
    private Map<String, String> common() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrap);
        options.put("schema.registry.url", registryUrl);
        options.put("http.port", "0");
        options.put("http.bind.address", "127.0.0.1");
        options.put("log.level", logLevel);
        return options;
    }

    /** An ingest with its own options on top of the common ones; returns when it is ready for hardware. */
    RunningService ingest(Ingest ingest, Map<String, String> own) throws Exception {
        return IngestService.of(ingest).environment(Map.of()).start(ingestConfiguration(ingest, own));
    }

    /** @throws io.pitwall.ingest.core.config.ConfigException naming every invalid option */
    Configuration ingestConfiguration(Ingest ingest, Map<String, String> own) {
        Map<String, String> options = common();
        options.putAll(own);
        return IngestService.of(ingest).environment(Map.of()).configure(args(options));
    }

    /** The lap processor, its RocksDB stores under the data directory; returns once Kafka Streams started. */
    LapProcessorService lapProcessor(Map<String, String> own) throws Exception {
        return LapProcessorService.start(lapProcessorConfiguration(own));
    }

    /** @throws io.pitwall.ingest.core.config.ConfigException naming every invalid option */
    Configuration lapProcessorConfiguration(Map<String, String> own) {
        Map<String, String> options = common();
        options.remove("log.level"); // LapProcessorService leaves logging to its host
        options.put("state.dir", dataDir.resolve("lap-processor").toString());
        options.putAll(own);
        return ConfigLoader.of(LapProcessorOptions.FIELDS).environment(Map.of())
                .commandLine(CommandLine.parse(args(options))).load();
    }

    /** The state publisher; returns once its ports listen. */
    StatePublisher publisher(Map<String, String> own) throws InterruptedException {
        return new StatePublisher(publisherConfiguration(own)).start();
    }

    /** @throws io.pitwall.ingest.core.config.ConfigException for an invalid option */
    PublisherConfig publisherConfiguration(Map<String, String> own) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap", bootstrap);
        options.putAll(own);
        return PublisherConfig.of(options);
    }

    private static String[] args(Map<String, String> options) {
        return options.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
