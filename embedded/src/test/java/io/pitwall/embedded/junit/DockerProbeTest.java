package io.pitwall.embedded.junit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProbeTest {

    private static final Path HOME = Path.of("/home/timer");
    private final Map<String, String> env = new HashMap<>();

    private boolean mayHaveDocker(Set<Path> existing, String os) {
        return DockerProbe.mayHaveDocker(env::get, HOME, existing::contains, os);
    }

    @Test
    void noSocketNoVariableNoConfigurationMeansNoDocker() {
        assertThat(mayHaveDocker(Set.of(), "Linux")).isFalse();
    }

    @Test
    void theUsualSocketsCount() {
        assertThat(mayHaveDocker(Set.of(Path.of("/var/run/docker.sock")), "Linux")).isTrue();
        assertThat(mayHaveDocker(Set.of(HOME.resolve(".docker/run/docker.sock")), "Mac OS X")).isTrue();
        assertThat(mayHaveDocker(Set.of(HOME.resolve(".colima/default/docker.sock")), "Mac OS X")).isTrue();
    }

    @Test
    void rootlessDockerAndPodmanUnderXdgRuntimeDir() {
        env.put("XDG_RUNTIME_DIR", "/run/user/1000");
        assertThat(mayHaveDocker(Set.of(Path.of("/run/user/1000/docker.sock")), "Linux")).isTrue();
        assertThat(mayHaveDocker(Set.of(Path.of("/run/user/1000/podman/podman.sock")), "Linux")).isTrue();
    }

    @Test
    void dockerHostOrTestcontainersConfigurationDefersToTestcontainers() {
        assertThat(mayHaveDocker(Set.of(HOME.resolve(".testcontainers.properties")), "Linux")).isTrue();
        env.put("DOCKER_HOST", "tcp://build-host:2375");
        assertThat(mayHaveDocker(Set.of(), "Linux")).isTrue();
    }

    @Test
    void windowsIsLeftToTestcontainers() {
        assertThat(mayHaveDocker(Set.of(), "Windows 11")).isTrue();
    }
}
