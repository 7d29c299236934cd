package io.pitwall.ingest.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated part of a module's README, between an {@code <!-- name:begin -->} and an {@code <!-- name:end -->}
 * line, so that a test can keep it equal to what the code declares (option tables, metric lists).
 */
public final class ReadmeSection {

    private ReadmeSection() {
    }

    /** The text between the markers of {@code name} in the README of the module under test. */
    public static String of(String name) throws IOException {
        Path readme = Path.of(System.getProperty("pitwall.module.dir", "."), "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin -->\n";
        String end = "<!-- " + name + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as(readme + " has " + begin.trim()).isNotNegative();
        assertThat(to).as(readme + " has " + end + " after " + begin.trim()).isGreaterThan(from);
        return text.substring(from + begin.length(), to);
    }
}
