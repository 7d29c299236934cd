package io.pitwall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code deploy/docker/services.txt}: a service that becomes an image and a workload.
 *
 * @param module    Maven module = image name {@code pitwall/<module>} = Kubernetes workload and container name
 * @param mainClass the class the image runs
 * @param httpPort  default port of /health/* and /metrics
 */
record PitwallService(String module, String mainClass, int httpPort) {

    static List<PitwallService> all() {
        try {
            return Files.readAllLines(DeployFiles.deployDir().resolve("docker/services.txt")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(f -> new PitwallService(f[0], f[1], Integer.parseInt(f[2])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PitwallService named(String module) {
        return all().stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + " in services.txt"));
    }

    String image() {
        return "pitwall/" + module;
    }

    /** The main class, if it exists in this build and has a {@code public static void main(String[])}. */
    Optional<Class<?>> mainClassIfPresent() {
        try {
            Class<?> type = Class.forName(mainClass, false, PitwallService.class.getClassLoader());
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Why a check of this service cannot run yet (the service is still being written). */
    String pendingReason() {
        return module + ": main class " + mainClass + " with a static main(String[]) is not in this build yet"
                + " (service in progress)";
    }
}
