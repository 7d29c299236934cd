package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void mainClassCommandPutsOptionsAgentAndPropertiesBeforeTheClasspath() {
        List<String> command = ChildJvm.builder("broker")
                .jvmOptions(List.of("-Xmx512m"))
                .watchdogAgentJar(dir.resolve("agent.jar"))
                .systemProperty("a", "b")
                .mainClass("one.jar:two.jar", "kafka.Kafka")
                .arguments(List.of("server.properties"))
                .command();

        assertThat(command.get(0)).endsWith("java");
        assertThat(command.subList(1, command.size())).containsExactly(
                "-Xmx512m", "-javaagent:" + dir.resolve("agent.jar").toAbsolutePath(), "-Da=b",
                "-cp", "one.jar:two.jar", "kafka.Kafka", "server.properties");
    }

    @Test
    void executableJarCommand() {
        List<String> command = ChildJvm.builder("registry")
                .systemProperty("quarkus.http.port", "8081")
                .executableJar(dir.resolve("runner.jar"))
                .command();

        assertThat(command.subList(1, command.size())).containsExactly(
                "-Dquarkus.http.port=8081", "-jar", dir.resolve("runner.jar").toAbsolutePath().toString());
    }

    @Test
    void tailReturnsTheLastLines() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "one\ntwo\nthree\nfour\n");

        assertThat(ChildJvm.tail(log, 2)).isEqualTo("three" + System.lineSeparator() + "four");
        assertThat(ChildJvm.tail(dir.resolve("missing.log"), 2)).contains("no log file");
    }

    @Test
    void theWatchdogJarHoldsOnlyTheAgent() throws Exception {
        Path jar = WatchdogJar.writeInto(dir);

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo("io.pitwall.embedded.watchdog.ParentWatchdogAgent");
            assertThat(file.stream().map(e -> e.getName()).collect(Collectors.toList()))
                    .contains("io/pitwall/embedded/watchdog/ParentWatchdogAgent.class")
                    .allMatch(name -> name.startsWith("META-INF/") || name.startsWith("io/pitwall/embedded/watchdog/ParentWatchdogAgent"));
        }
    }

    @Test
    void versionsComeFromTheParentPom() {
        assertThat(EmbeddedVersions.kafka()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(EmbeddedVersions.apicurio()).matches("2\\.\\d+\\.\\d+\\.Final");
    }
}
