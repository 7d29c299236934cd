package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApicurioRunnerLocatorTest {

    private static final String VERSION = "2.6.13.Final";
    private static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";

    @TempDir
    Path home;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private ApicurioRunnerLocator locator() {
        return new ApicurioRunnerLocator(VERSION, properties::get, env::get, home);
    }

    @Test
    void nothingFoundSaysWhereItLookedAndHowToFixIt() {
        assertThatThrownBy(() -> locator().locate())
                .isInstanceOf(EmbeddedStartupException.class)
                .hasMessageContaining("pitwall.apicurio.runner")
                .hasMessageContaining("PITWALL_APICURIO_RUNNER")
                .hasMessageContaining(home.resolve(".cache/pitwall/apicurio-registry-" + VERSION).toString())
                .hasMessageContaining(home.resolve(".m2/repository/io/apicurio/apicurio-registry-app/" + VERSION
                        + "/apicurio-registry-app-" + VERSION + "-all.zip").toString())
                .hasMessageContaining("dependency:get -Dartifact=io.apicurio:apicurio-registry-app:" + VERSION + ":zip:all");
    }

    @Test
    void theZipInTheLocalRepositoryIsUnpackedOnceIntoTheCache() throws Exception {
        Path zip = home.resolve(".m2/repository").resolve(locator().zipPathInRepository());
        writeDistributionZip(zip);

        Path runner = locator().locate();

        Path cache = home.resolve(".cache/pitwall/apicurio-registry-" + VERSION);
        assertThat(runner).isEqualTo(cache.resolve(RUNNER));
        assertThat(cache.resolve("lib/some-library.jar")).hasContent("library");
        assertThat(cache.resolve(ApicurioRunnerLocator.COMPLETE_MARKER)).exists();

        Files.delete(zip); // from now on the cache alone is enough
        assertThat(locator().locate()).isEqualTo(runner);
    }

    @Test
    void mavenRepoLocalAndSettingsXmlAreSearchedBeforeTheDefaultRepository() throws Exception {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"),
                "<settings><localRepository>${user.home}/custom-repo</localRepository></settings>");
        properties.put("maven.repo.local", home.resolve("ci-repo").toString());

        assertThat(locator().mavenRepositories()).containsExactly(
                home.resolve("ci-repo"), home.resolve("custom-repo"), home.resolve(".m2/repository"));

        writeDistributionZip(home.resolve("custom-repo").resolve(locator().zipPathInRepository()));
        assertThat(locator().locate().getFileName().toString()).isEqualTo(RUNNER);
    }

    @Test
    void theCacheDirectoryCanBeChosen() {
        assertThat(locator().cacheDirectory()).isEqualTo(home.resolve(".cache/pitwall"));
        env.put("XDG_CACHE_HOME", "/xdg");
        assertThat(locator().cacheDirectory()).isEqualTo(Path.of("/xdg/pitwall"));
        env.put("PITWALL_CACHE_DIR", "/env-cache");
        assertThat(locator().cacheDirectory()).isEqualTo(Path.of("/env-cache"));
        properties.put("pitwall.cache.dir", "/property-cache");
        assertThat(locator().cacheDirectory()).isEqualTo(Path.of("/property-cache"));
    }

    @Test
    void theOverrideMayNameTheJarItsDirectoryOrTheZip() throws Exception {
        Path dir = Files.createDirectories(home.resolve("apicurio"));
        Path jar = Files.writeString(dir.resolve(RUNNER), "runner");

        env.put("PITWALL_APICURIO_RUNNER", jar.toString());
        assertThat(locator().locate()).isEqualTo(jar);

        env.put("PITWALL_APICURIO_RUNNER", dir.toString());
        assertThat(locator().locate()).isEqualTo(jar);

        Path zip = home.resolve("downloads/apicurio-registry-app-" + VERSION + "-all.zip");
        writeDistributionZip(zip);
        properties.put("pitwall.apicurio.runner", zip.toString()); // the property wins over the environment
        assertThat(locator().locate()).isEqualTo(
                home.resolve(".cache/pitwall/apicurio-registry-app-" + VERSION + "-all").resolve(RUNNER));
    }

    @Test
    void aWrongOverrideIsReportedAsSuch() throws Exception {
        env.put("PITWALL_APICURIO_RUNNER", home.resolve("missing.jar").toString());
        assertThatThrownBy(() -> locator().locate()).isInstanceOf(EmbeddedStartupException.class)
                .hasMessageContaining("missing.jar").hasMessageContaining("does not exist");

        Path empty = Files.createDirectories(home.resolve("empty"));
        env.put("PITWALL_APICURIO_RUNNER", empty.toString());
        assertThatThrownBy(() -> locator().locate()).isInstanceOf(EmbeddedStartupException.class)
                .hasMessageContaining("without an *-runner.jar");
    }

    @Test
    void zipEntriesCannotEscapeTheTargetDirectory() throws Exception {
        Path zip = home.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../escaped.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path target = Files.createDirectories(home.resolve("target"));

        assertThatThrownBy(() -> ApicurioRunnerLocator.unzip(zip, target)).isInstanceOf(IOException.class);
        assertThat(home.resolve("escaped.txt")).doesNotExist();
    }

    /** The layout of the real -all.zip: the runner jar at the top, its libraries under lib/. */
    private static void writeDistributionZip(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("meta/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/some-library.jar"));
            out.write("library".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(RUNNER));
            out.write("runner".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
