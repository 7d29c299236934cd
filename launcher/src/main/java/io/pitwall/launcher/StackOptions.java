package io.pitwall.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code up} and {@code demo}. */
final class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:PITWALL_DATA_DIR:-.pitwall/data}",
            description = "Where Kafka and the registry keep their data; starting again on it resumes. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka listener port on 127.0.0.1 (0 = a free port, kept for later runs on the same data dir). Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema registry port on 127.0.0.1 (0 = a free port, kept for later runs on the same data dir). Default: ${DEFAULT-VALUE}")
    int registryPort;
}
