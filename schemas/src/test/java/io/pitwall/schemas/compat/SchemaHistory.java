package io.pitwall.schemas.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * The released versions of one schema, kept as self-contained files
 * {@code schema-history/<Name>/<n>.avsc} (n = 1, 2, ...), and the BACKWARD check of a current
 * schema against all of them: the current schema must read data written with every released
 * version, because such data stays in the topics (passings are kept forever).
 */
final class SchemaHistory {

    /** One released version. */
    record Version(String name, int number, Schema schema) {
        String label() {
            return name + " v" + number;
        }
    }

    private SchemaHistory() {
    }

    static Path root() {
        return Path.of(System.getProperty("pitwall.module.dir", ".")).resolve("src/test/resources/schema-history");
    }

    /** Released versions of the schema with this simple name, oldest first; empty when none are kept. */
    static List<Version> versions(Path root, String name) throws IOException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".avsc")).toList()) {
                String base = file.getFileName().toString().replace(".avsc", "");
                if (!base.matches("[1-9][0-9]*")) {
                    throw new IllegalStateException("schema history file " + file + " must be named <version>.avsc, e.g. 2.avsc");
                }
                versions.add(new Version(name, Integer.parseInt(base), SchemaParser.parseSingle(file)));
            }
        }
        versions.sort(Comparator.comparingInt(Version::number));
        return versions;
    }

    /**
     * Problems of {@code current} reading data written with each released version, each prefixed
     * with the version ("Passing v1: Passing.weather: field 'weather' has no default ..."). Empty
     * when the current schema is BACKWARD compatible with the whole history.
     */
    static List<String> backwardProblems(Schema current, List<Version> history) {
        List<String> problems = new ArrayList<>();
        for (Version version : history) {
            for (String problem : BackwardCompatibility.problems(current, version.schema())) {
                problems.add(version.label() + ": " + problem);
            }
        }
        return problems;
    }
}
