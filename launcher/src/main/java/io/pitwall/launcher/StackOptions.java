package io.pitwall.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code up} and {@code demo}. */
final class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PITWALL_DATA_DIR:-.pitwall/data}",
            description = "Where Kafka and the registry keep their data; starting again on it resumes. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT",
            description = "Kafka listener port on 127.0.0.1 (0 = a free port, kept for later runs on the same data dir)."
                    + " Default: 9092, or a free port if 9092 is taken.")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT",
            description = "Schema registry port on 127.0.0.1 (0 = a free port, kept for later runs on the same data dir)."
                    + " Default: 8081, or a free port if 8081 is taken.")
    Integer registryPort;
}
