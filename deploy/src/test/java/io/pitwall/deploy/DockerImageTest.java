package io.pitwall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image build, as far as it can be checked without a Docker engine (building images needs a registry the
 * development machines cannot reach): the Dockerfile's structure and entry point, the JVM options every
 * Pitwall JVM needs, and the service list against the Maven modules and their main classes. That the entry
 * point really starts each service is {@link ServiceEntryPointIT}.
 */
class DockerImageTest {

    static final List<String> ENTRYPOINT = List.of("/usr/bin/java", "@/app/jvm.options", "@/app/main.args");

    @Test
    void isAMultiStageBuildRunningAsANonRootUserWithAHealthCheck() {
        DockerfileModel dockerfile = DockerfileModel.read();
        assertThat(dockerfile.stages()).as("build stage + runtime stage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile.stages().get(0).get(0).arguments()).as("first stage").endsWith("AS build");

        String user = dockerfile.last("USER").orElseThrow(() -> new AssertionError("no USER in the final stage"));
        assertThat(user).as("numeric uid[:gid], so Kubernetes' runAsNonRoot can verify it").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isPositive();

        assertThat(dockerfile.execForm("ENTRYPOINT")).isEqualTo(ENTRYPOINT);
        List<String> healthcheck = dockerfile.execForm("HEALTHCHECK");
        assertThat(healthcheck).contains(HealthCheck.class.getName(), "/app/healthcheck");
        assertThat(dockerfile.last("HEALTHCHECK").orElseThrow()).contains("--interval=").contains("--start-period=");

        assertThat(dockerfile.env().get("JDK_JAVA_OPTIONS")).as("heap sized from the container's memory limit")
                .contains("-XX:MaxRAMPercentage=");
        assertThat(dockerfile.env().get("JDK_JAVA_OPTIONS"))
                .as("a collector named: below 1792 MB the JVM would choose the serial one by itself")
                .contains("-XX:+UseG1GC");

        List<String> copied = new ArrayList<>();
        dockerfile.finalStage().stream().filter(i -> i.keyword().equals("COPY"))
                .forEach(i -> copied.add(i.arguments()));
        assertThat(String.join("\n", copied)).as("the final stage copies what the entry point uses")
                .contains("/app/lib/", "/app/jvm.options", "/app/main.args", "/app/service.jar", "/app/healthcheck/");
    }

    @Test
    void everyJvmTrustsPitwallsAvroPackages() {
        String packages = System.getProperty("pitwall.avro.serializable.packages");
        assumeTrue(packages != null, "run with Maven: the parent pom's avro.serializable.packages is passed in");
        assertThat(DockerfileModel.jvmOptions()).contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + packages)
                .contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalSecrets() throws IOException {
        List<String> ignored = Files.readAllLines(DockerfileModel.FILE.resolveSibling("Dockerfile.dockerignore"));
        assertThat(ignored).contains("**/target", ".git", "deploy/.env", "deploy/secrets");
    }

    @Test
    void everyServiceIsAModuleOfTheBuild() throws IOException {
        String parentPom = Files.readString(DeployFiles.repositoryRoot().resolve("pom.xml"));
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parentPom);
        while (m.find()) {
            modules.add(m.group(1).strip());
        }
        List<PitwallService> services = PitwallService.all();
        assertThat(services).extracting(PitwallService::module).doesNotHaveDuplicates();
        assertThat(modules).containsAll(services.stream().map(PitwallService::module).toList());
        assertThat(services).extracting(PitwallService::module)
                .contains("ingest-lapsnapper", "ingest-ctp01", "ingest-chronocloud", "ingest-smartrace",
                        "lap-processor", "state-publisher");
    }

    static List<String> modules() {
        return PitwallService.all().stream().map(PitwallService::module).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void mainClassExists(String module) {
        PitwallService service = PitwallService.named(module);
        assumeTrue(service.mainClassIfPresent().isPresent(), service.pendingReason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void healthPortIsTheServicesDefault(String module) {
        PitwallService service = PitwallService.named(module);
        DeclaredOptions options = DeclaredOptions.of(service).orElse(null);
        assumeTrue(options != null, service.pendingReason());
        assertThat(options.defaultOf("http.port")).as("services.txt http port of %s", module)
                .contains(Integer.toString(service.httpPort()));
    }
}
