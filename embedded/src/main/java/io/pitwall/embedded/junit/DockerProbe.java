package io.pitwall.embedded.junit;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Is there a Docker daemon for Testcontainers? Asking Testcontainers directly on a machine without
 * Docker tries every strategy it knows and logs a page of errors, so first a quiet, instant check:
 * without a Docker socket, DOCKER_HOST or a Testcontainers configuration there is no daemon to find.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean isDockerAvailable() {
        if (!mayHaveDocker(System::getenv, Paths.get(System.getProperty("user.home")), path -> path.toFile().exists(),
                System.getProperty("os.name", ""))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** True when something suggests a Docker (or Podman, Colima, Rancher Desktop) daemon might be reachable. */
    static boolean mayHaveDocker(Function<String, String> env, Path home, Predicate<Path> exists, String osName) {
        if (isSet(env.apply("DOCKER_HOST")) || isSet(env.apply("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE"))) {
            return true;
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return true; // named pipes cannot be checked as files; let Testcontainers decide
        }
        return candidateSockets(env, home).stream().anyMatch(exists)
                || exists.test(home.resolve(".testcontainers.properties"));
    }

    static List<Path> candidateSockets(Function<String, String> env, Path home) {
        List<Path> sockets = new ArrayList<>(List.of(
                Paths.get("/var/run/docker.sock"),
                Paths.get("/run/docker.sock"),
                Paths.get("/run/podman/podman.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".colima/docker.sock"),
                home.resolve(".rd/docker.sock")));
        String runtimeDir = env.apply("XDG_RUNTIME_DIR");
        if (isSet(runtimeDir)) {
            sockets.add(Paths.get(runtimeDir, "docker.sock"));
            sockets.add(Paths.get(runtimeDir, "podman", "podman.sock"));
        }
        return sockets;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
