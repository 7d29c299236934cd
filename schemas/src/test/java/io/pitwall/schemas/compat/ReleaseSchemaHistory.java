package io.pitwall.schemas.compat;

import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Records a schema release: for every catalogue schema that differs from its newest released
 * version (by parsing canonical form, so doc-only edits are no release), writes the current schema
 * as the next {@code schema-history/<Name>/<n>.avsc}. Refuses when the change is not BACKWARD
 * compatible with the history. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl schemas test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.pitwall.schemas.compat.ReleaseSchemaHistory
 * </pre>
 */
public final class ReleaseSchemaHistory {

    private ReleaseSchemaHistory() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("schemas/src/test/resources/schema-history");
        if (!Files.isDirectory(root)) {
            root = Path.of("src/test/resources/schema-history");
        }
        int written = 0;
        for (Schema current : Topics.ALL.stream().map(TopicSpec::avroSchema).flatMap(Optional::stream).toList()) {
            List<SchemaHistory.Version> history = SchemaHistory.versions(root, current.getName());
            if (!history.isEmpty() && SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1).schema())
                    == SchemaNormalization.parsingFingerprint64(current)) {
                continue;
            }
            List<String> problems = SchemaHistory.backwardProblems(current, history);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Not releasing " + current.getFullName() + ", it breaks BACKWARD compatibility:\n  "
                        + String.join("\n  ", problems));
            }
            Path file = root.resolve(current.getName()).resolve((history.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n");
            System.out.println("released " + current.getFullName() + " as " + file);
            written++;
        }
        System.out.println(written == 0 ? "every schema equals its newest released version" : written + " schema(s) released");
    }
}
