package io.pitwall.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * What Avro 1.12.2 refuses without {@code org.apache.avro.SERIALIZABLE_PACKAGES}, and what
 * {@link AvroTrust} does about it. The build's test JVMs get the property from the parent POM, so
 * the untrusted cases run in a fresh JVM without it.
 */
class AvroTrustTest {

    @Test
    void thisJvmTrustsPitwallBecauseTheBuildSetsTheProperty() {
        assertThat(System.getProperty(AvroTrust.SERIALIZABLE_PACKAGES_PROPERTY)).contains("io.pitwall");
        AvroTrust.requirePitwallPackagesTrusted();
    }

    @Test
    void classesOutsideTheTrustedPackagesAreReported() {
        Schema foreign = SchemaBuilder.record("ArrayList").namespace("java.util").fields().requiredString("x").endRecord();
        assertThat(AvroTrust.untrustedClasses(foreign, getClass().getClassLoader())).containsExactly("java.util.ArrayList");
        assertThatThrownBy(() -> AvroTrust.requireTrusted(foreign, getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.util.ArrayList")
                .hasMessageContaining("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.pitwall");
    }

    @Test
    void namedTypesWithoutGeneratedClassesNeedNoTrust() {
        Schema generic = SchemaBuilder.record("NoSuchClass").namespace("org.example").fields().requiredString("x").endRecord();
        assertThat(AvroTrust.untrustedClasses(generic, getClass().getClassLoader())).isEmpty();
    }

    @Test
    void withoutThePropertyWritingStillWorks() throws Exception {
        assertThat(probe("writer-only")).startsWith("wrote ");
    }

    @Test
    void withoutThePropertyASpecificSerdeFailsAtConfigureWithTheFix() throws Exception {
        assertThat(probe("configured-type"))
                .startsWith("IllegalStateException: Avro refuses to instantiate io.pitwall.events.Passing")
                .contains("org.apache.avro.SERIALIZABLE_PACKAGES is unset")
                .contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.pitwall")
                .contains("AvroTrust.trustPitwallPackages()");
    }

    @Test
    void withoutThePropertyReadingTheWriterNamedClassFailsClearly() throws Exception {
        assertThat(probe("writer-named-class"))
                .startsWith("SerializationException: Could not deserialize a value with schema id 1 from topic 't'")
                .contains("Avro refuses to instantiate io.pitwall.events.Passing");
    }

    @Test
    void trustingFirstThingInMainMakesSpecificReadingWork() throws Exception {
        assertThat(probe("trust-first")).isEqualTo("round trip true");
    }

    @Test
    void requireFailsFastWithoutTheProperty() throws Exception {
        assertThat(probe("trust-late")).startsWith("IllegalStateException: Avro refuses to instantiate io.pitwall.events.");
    }

    @Test
    void settingThePropertyAfterAvroReadItIsDetected() throws Exception {
        assertThat(probe("trust-after-avro-looked"))
                .startsWith("IllegalStateException: Avro refuses")
                .contains("is 'io.pitwall'")
                .contains("Avro read it before it was set");
    }

    /** Runs {@link AvroTrustProbe} in a JVM without the Avro property and returns its result line. */
    private static String probe(String mode) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=none",
                "-cp", classpath, AvroTrustProbe.class.getName(), mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return output.lines().filter(l -> l.startsWith("RESULT: ")).map(l -> l.substring("RESULT: ".length()))
                .findFirst().orElseThrow(() -> new AssertionError("probe printed no result:\n" + output));
    }
}
