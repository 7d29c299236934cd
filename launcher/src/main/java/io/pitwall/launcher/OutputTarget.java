package io.pitwall.launcher;

import java.io.IOException;
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

    private OutputTarget() {
    }

    static void write(Path file, PrintWriter stdout, Content content) throws IOException {
        if (file == null) {
            content.write(stdout);
            stdout.flush();
            return;
        }
        Path partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            content.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
