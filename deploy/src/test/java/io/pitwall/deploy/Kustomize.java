package io.pitwall.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize} (kubectl's built-in Kustomize, so the output is what
 * {@code kubectl apply -k} applies). Where kubectl is missing the calling test is skipped by an assumption that
 * says so: never silently green.
 */
final class Kustomize {

    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** Kustomize v5 (kubectl 1.27 and later): labels with includeTemplates, patches with targets, replicas. */
    static final int MIN_KUSTOMIZE_MAJOR = 5;

    private static volatile String kustomizeVersion;

    /**
     * The rendered objects of the kustomization in {@code dir}; skips the test when kubectl is not installed or
     * its built-in Kustomize is older than v5 (Debian 12's kubernetes-client 1.20 has v2).
     */
    static List<JsonNode> render(Path dir) {
        String kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl not found on PATH (or $KUBECTL): the rendered-manifest checks are"
                + " SKIPPED. Install kubectl 1.27 or later (Kustomize v5 is built in) to run them.");
        String version = kustomizeVersion(kubectl);
        assumeTrue(major(version) >= MIN_KUSTOMIZE_MAJOR, "kubectl " + kubectl + " has Kustomize " + version
                + "; the manifests need Kustomize v" + MIN_KUSTOMIZE_MAJOR + " (kubectl 1.27 or later): the"
                + " rendered-manifest checks are SKIPPED");
        return RENDERED.computeIfAbsent(dir, d -> Yaml.documents(run(kubectl, List.of("kustomize", d.toString()))));
    }

    private static String kustomizeVersion(String kubectl) {
        if (kustomizeVersion == null) {
            String json = run(kubectl, List.of("version", "--client", "-o", "json"));
            JsonNode version = Yaml.documents(json).get(0).path("kustomizeVersion");
            kustomizeVersion = version.asText("unknown");
        }
        return kustomizeVersion;
    }

    /** "v5.5.0" -> 5; anything unreadable -> 0. */
    static int major(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.").matcher(version);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String run(String kubectl, List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(kubectl);
        command.addAll(args);
        String what = String.join(" ", command);
        try {
            Path stderr = Files.createTempFile("kubectl", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectError(stderr.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 120 s");
            }
            String err = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed:\n" + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code $KUBECTL}, else kubectl on the PATH, else null. */
    private static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? configured : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
