package io.pitwall.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the Apicurio Registry runner jar ({@code apicurio-registry-app-<version>-runner.jar}, a Quarkus
 * application with its {@code lib/} next to it), in this order:
 *
 * <ol>
 *   <li>system property {@value #OVERRIDE_PROPERTY}, then environment variable {@value #OVERRIDE_ENV}:
 *       the runner jar itself, a directory holding it, or the distribution zip;</li>
 *   <li>the unpacked copy in the cache directory ({@code <cache>/apicurio-registry-<version>}), where
 *       {@code <cache>} is {@value #CACHE_PROPERTY} / {@value #CACHE_ENV}, else
 *       {@code $XDG_CACHE_HOME/pitwall}, else {@code ~/.cache/pitwall};</li>
 *   <li>the distribution zip {@code io.apicurio:apicurio-registry-app:<version>:zip:all} in a local Maven
 *       repository ({@code -Dmaven.repo.local}, {@code <localRepository>} of {@code ~/.m2/settings.xml},
 *       {@code ~/.m2/repository}), which is unpacked into the cache once.</li>
 * </ol>
 *
 * The embedded module depends on that zip, so building any module that uses it puts the zip into the
 * local repository; a launcher outside Maven sets the override.
 */
final class ApicurioRunnerLocator {

    static final String OVERRIDE_PROPERTY = "pitwall.apicurio.runner";
    static final String OVERRIDE_ENV = "PITWALL_APICURIO_RUNNER";
    static final String CACHE_PROPERTY = "pitwall.cache.dir";
    static final String CACHE_ENV = "PITWALL_CACHE_DIR";
    static final String COMPLETE_MARKER = ".pitwall-unpacked";

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRunnerLocator.class);
    private static final Pattern LOCAL_REPOSITORY = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");

    private final String version;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Path userHome;

    ApicurioRunnerLocator(String version, Function<String, String> systemProperties,
                          Function<String, String> environment, Path userHome) {
        this.version = version;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.userHome = userHome;
    }

    /** A locator for this JVM's system properties, environment and home directory. */
    static ApicurioRunnerLocator forThisJvm() {
        return new ApicurioRunnerLocator(EmbeddedVersions.apicurio(), System::getProperty, System::getenv,
                Paths.get(System.getProperty("user.home")));
    }

    /**
     * The runner jar, unpacking the distribution into the cache first if that is where it is.
     *
     * @throws EmbeddedStartupException listing every place looked at and how to fix it
     */
    Path locate() {
        List<String> lookedAt = new ArrayList<>();

        Optional<String> override = firstSet(OVERRIDE_PROPERTY, OVERRIDE_ENV);
        if (override.isPresent()) {
            return fromOverride(Paths.get(override.get()));
        }
        lookedAt.add("system property " + OVERRIDE_PROPERTY + " / environment variable " + OVERRIDE_ENV + ": not set");

        Path unpacked = cacheDirectory().resolve("apicurio-registry-" + version);
        Optional<Path> cached = completeRunnerIn(unpacked);
        if (cached.isPresent()) {
            return cached.get();
        }
        lookedAt.add("unpacked cache " + unpacked + ": " + (Files.exists(unpacked) ? "incomplete" : "absent"));

        for (Path repository : mavenRepositories()) {
            Path zip = repository.resolve(zipPathInRepository());
            if (Files.isRegularFile(zip)) {
                return unpackIntoCache(zip, unpacked);
            }
            lookedAt.add("Maven repository zip " + zip + ": absent");
        }

        throw new EmbeddedStartupException("Apicurio Registry " + version + " runner jar not found. Looked at:"
                + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", lookedAt)
                + System.lineSeparator() + "Fix: build the embedded module (it depends on the zip), or run"
                + System.lineSeparator() + "  ./mvnw dependency:get -Dartifact=io.apicurio:apicurio-registry-app:" + version + ":zip:all"
                + System.lineSeparator() + "or point " + OVERRIDE_ENV + " (or -D" + OVERRIDE_PROPERTY
                + ") at an unpacked apicurio-registry-app-" + version + "-runner.jar.");
    }

    /** {@code io/apicurio/apicurio-registry-app/<v>/apicurio-registry-app-<v>-all.zip} */
    Path zipPathInRepository() {
        return Paths.get("io", "apicurio", "apicurio-registry-app", version, "apicurio-registry-app-" + version + "-all.zip");
    }

    Path cacheDirectory() {
        Optional<String> configured = firstSet(CACHE_PROPERTY, CACHE_ENV);
        if (configured.isPresent()) {
            return Paths.get(configured.get());
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "pitwall");
        }
        return userHome.resolve(".cache").resolve("pitwall");
    }

    /** Local Maven repositories to search, most specific first, without duplicates. */
    List<Path> mavenRepositories() {
        Set<Path> repositories = new LinkedHashSet<>();
        String fromProperty = systemProperties.apply("maven.repo.local");
        if (fromProperty != null && !fromProperty.isBlank()) {
            repositories.add(Paths.get(fromProperty));
        }
        localRepositoryFromSettings(userHome.resolve(".m2").resolve("settings.xml")).ifPresent(repositories::add);
        repositories.add(userHome.resolve(".m2").resolve("repository"));
        return new ArrayList<>(repositories);
    }

    Optional<Path> localRepositoryFromSettings(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = LOCAL_REPOSITORY.matcher(Files.readString(settings, StandardCharsets.UTF_8));
            if (matcher.find()) {
                String path = matcher.group(1).replace("${user.home}", userHome.toString());
                return Optional.of(Paths.get(path));
            }
        } catch (IOException e) {
            LOG.debug("could not read {}", settings, e);
        }
        return Optional.empty();
    }

    private Path fromOverride(Path path) {
        String source = OVERRIDE_PROPERTY + " / " + OVERRIDE_ENV + " = " + path;
        if (Files.isDirectory(path)) {
            return runnerIn(path).orElseThrow(() -> new EmbeddedStartupException(
                    source + " is a directory without an *-runner.jar in it. Point it at the unpacked Apicurio "
                            + "Registry distribution (the directory with the runner jar and lib/) or at the runner jar."));
        }
        if (!Files.isRegularFile(path)) {
            throw new EmbeddedStartupException(source + " does not exist. Point it at an apicurio-registry-app-"
                    + version + "-runner.jar, its directory, or the -all.zip distribution.");
        }
        if (path.getFileName().toString().endsWith(".zip")) {
            return unpackIntoCache(path, cacheDirectory().resolve(stripZip(path.getFileName().toString())));
        }
        return path;
    }

    private Optional<Path> completeRunnerIn(Path directory) {
        if (!Files.isRegularFile(directory.resolve(COMPLETE_MARKER))) {
            return Optional.empty();
        }
        return runnerIn(directory);
    }

    static Optional<Path> runnerIn(Path directory) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*-runner.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
        } catch (IOException e) {
            LOG.debug("could not list {}", directory, e);
        }
        return Optional.empty();
    }

    /**
     * Unpacks into a private temporary directory and renames it into place, so that concurrent test
     * JVMs never see half a distribution: the loser of a race simply uses the winner's copy.
     */
    private Path unpackIntoCache(Path zip, Path target) {
        Optional<Path> existing = completeRunnerIn(target);
        if (existing.isPresent()) {
            return existing.get();
        }
        long started = System.nanoTime();
        LOG.info("Unpacking Apicurio Registry {} into {} (once per machine)", zip, target);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            try {
                unzip(zip, tmp);
                if (runnerIn(tmp).isEmpty()) {
                    throw new EmbeddedStartupException(zip + " holds no *-runner.jar; is it the '-all.zip' Apicurio Registry distribution?");
                }
                Files.writeString(tmp.resolve(COMPLETE_MARKER), zip + System.lineSeparator(), StandardCharsets.UTF_8);
                if (Files.exists(target) && completeRunnerIn(target).isEmpty()) {
                    deleteRecursively(target); // left behind by an older, interrupted layout
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raceLost) {
                    if (completeRunnerIn(target).isEmpty()) {
                        throw raceLost;
                    }
                }
            } finally {
                if (Files.exists(tmp)) {
                    deleteRecursively(tmp);
                }
            }
        } catch (IOException e) {
            throw new EmbeddedStartupException("could not unpack " + zip + " into " + target + ": " + e.getMessage()
                    + ". Set " + CACHE_ENV + " to a writable directory.", e);
        }
        LOG.info("Unpacked Apicurio Registry in {} ms", (System.nanoTime() - started) / 1_000_000);
        return completeRunnerIn(target).orElseThrow();
    }

    static void unzip(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("zip entry " + entry.getName() + " points outside the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private Optional<String> firstSet(String property, String env) {
        String value = systemProperties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(env);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String stripZip(String fileName) {
        return fileName.substring(0, fileName.length() - ".zip".length());
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", directory, e.getMessage());
        }
    }
}
