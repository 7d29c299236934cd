package io.pitwall.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deploy module's files are, for tests run by Maven (pitwall.module.dir) or from an IDE. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** The deploy module directory. */
    static Path deployDir() {
        String configured = System.getProperty("pitwall.module.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("k8s")) && Files.isDirectory(dir.resolve("deploy/k8s"))) {
            dir = dir.resolve("deploy");
        }
        if (!Files.isDirectory(dir.resolve("k8s"))) {
            throw new IllegalStateException("deploy module not found from " + dir.toAbsolutePath());
        }
        return dir.toAbsolutePath().normalize();
    }

    static Path repositoryRoot() {
        return deployDir().getParent();
    }

    static Path k8s() {
        return deployDir().resolve("k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    /** The Maven project version, as the pom passes it to the test JVM. */
    static String projectVersion() {
        String version = System.getProperty("pitwall.project.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("system property pitwall.project.version is not set (run the tests with Maven)");
        }
        return version;
    }
}
