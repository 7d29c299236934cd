package io.pitwall.embedded;

import io.pitwall.embedded.watchdog.ParentWatchdogAgent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the one-class agent jar holding {@link ParentWatchdogAgent}. A separate jar (rather than our
 * own classpath) keeps the agent usable in a child whose classpath is not ours, such as Apicurio's
 * runner, without leaking Pitwall's or Kafka's classes into it.
 */
final class WatchdogJar {

    static final String FILE_NAME = "pitwall-watchdog-agent.jar";

    private WatchdogJar() {
    }

    /** Writes (or rewrites) the agent jar into {@code directory} and returns its path. */
    static Path writeInto(Path directory) {
        String classEntry = ParentWatchdogAgent.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdogAgent.class.getName());
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(FILE_NAME);
            Path tmp = Files.createTempFile(directory, "watchdog", ".jar.tmp");
            try (InputStream classBytes = ParentWatchdogAgent.class.getClassLoader().getResourceAsStream(classEntry);
                 OutputStream out = Files.newOutputStream(tmp);
                 JarOutputStream jar = new JarOutputStream(out, manifest)) {
                if (classBytes == null) {
                    throw new IllegalStateException("class file " + classEntry + " not found on the classpath");
                }
                jar.putNextEntry(new JarEntry(classEntry));
                classBytes.transferTo(jar);
                jar.closeEntry();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the watchdog agent jar into " + directory, e);
        }
    }
}
