package io.pitwall.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's BACKWARD-compatibility gate: every current catalogue schema must read data written
 * with every released version of it ({@code src/test/resources/schema-history}) and with the
 * version committed in git {@code HEAD}. Releasing a schema change means adding the new schema as
 * the next {@code <n>.avsc} (see the module README).
 */
class SchemaHistoryCompatibilityTest {

    private static List<Schema> currentSchemas() {
        return Topics.ALL.stream().map(TopicSpec::avroSchema).flatMap(Optional::stream).toList();
    }

    @Test
    void everyCatalogueSchemaHasAReleasedHistory() throws IOException {
        for (Schema schema : currentSchemas()) {
            List<SchemaHistory.Version> versions = SchemaHistory.versions(SchemaHistory.root(), schema.getName());
            assertThat(versions).as("released versions of %s in %s/%s/<n>.avsc", schema.getFullName(),
                    SchemaHistory.root(), schema.getName()).isNotEmpty();
            assertThat(versions).extracting(SchemaHistory.Version::number)
                    .as("versions of %s are numbered 1..n without gaps", schema.getName())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
            assertThat(versions).allSatisfy(v -> assertThat(v.schema().getFullName()).isEqualTo(schema.getFullName()));
        }
    }

    @TestFactory
    Stream<DynamicTest> currentSchemasReadEveryReleasedVersion() throws IOException {
        Stream.Builder<DynamicTest> tests = Stream.builder();
        for (Schema current : currentSchemas()) {
            for (SchemaHistory.Version version : SchemaHistory.versions(SchemaHistory.root(), current.getName())) {
                tests.add(DynamicTest.dynamicTest(current.getName() + " reads " + version.label(), () -> {
                    List<String> problems = SchemaHistory.backwardProblems(current, List.of(version));
                    if (!problems.isEmpty()) {
                        fail("The current " + current.getFullName() + " cannot read data written with released "
                                + version.label() + " (BACKWARD compatibility broken):\n  " + String.join("\n  ", problems));
                    }
                }));
            }
        }
        return tests.build();
    }

    @TestFactory
    Stream<DynamicTest> currentSchemasReadTheVersionInGitHead() {
        Path moduleDir = Path.of(System.getProperty("pitwall.module.dir", ".")).toAbsolutePath();
        GitHeadSchemas.Result head = GitHeadSchemas.load(moduleDir);
        Assumptions.assumeTrue(head.schemas().isPresent(),
                () -> "Skipping the comparison with git HEAD: " + head.whyUnavailable());
        GitHeadSchemas schemas = head.schemas().orElseThrow();
        return currentSchemas().stream().map(current -> DynamicTest.dynamicTest(current.getName() + " reads git HEAD", () -> {
            Optional<Schema> committed = schemas.schema(current.getFullName());
            Assumptions.assumeTrue(committed.isPresent(), () -> current.getFullName() + " is new: not in git HEAD yet");
            List<String> problems = BackwardCompatibility.problems(current, committed.orElseThrow());
            if (!problems.isEmpty()) {
                fail("The working-tree " + current.getFullName() + " cannot read data written with the version in git HEAD"
                        + " (BACKWARD compatibility broken):\n  " + String.join("\n  ", problems));
            }
        }));
    }
}
