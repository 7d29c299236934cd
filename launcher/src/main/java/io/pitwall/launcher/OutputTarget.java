package io.pitwall.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a document to a file (complete or not at all: written beside it, then moved) or to stdout. */
final class OutputTarget {

    interface Content {
        void write(Writer out) throws IOException;
    }

    interface BinaryContent<T> {
        T write(OutputStream out) throws IOException;
    }

    private OutputTarget() {
    }

    static void write(Path file, PrintWriter stdout, Content content) throws IOException {
        if (file == null) {
            content.write(stdout);
            stdout.flush();
            return;
        }
        toFile(file, stream -> {
            // a reporting encoder, as Files.newBufferedWriter has: a malformed string fails instead of writing "?"
            try (Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8.newEncoder()))) {
                content.write(out);
            }
            return null;
        });
    }

    /** Writes {@code file} completely or not at all; returns what {@code content} returned. */
    static <T> T toFile(Path file, BinaryContent<T> content) throws IOException {
        Path partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
        T result;
        try (OutputStream out = Files.newOutputStream(partial)) {
            result = content.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        return result;
    }
}
