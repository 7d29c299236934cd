package io.pitwall.schemas.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * The {@code src/main/avro} schemas as committed in git {@code HEAD}, parsed together (they refer
 * to each other by name, e.g. {@code "type": "Source"}). Lets the build compare the working tree
 * against the last commit even before a version is released into the schema history.
 */
final class GitHeadSchemas {

    private final Map<String, Schema> byName;

    private GitHeadSchemas(Map<String, Schema> byName) {
        this.byName = byName;
    }

    /**
     * Reads HEAD's schemas, or explains why it cannot: no git binary, not a work tree, no commit,
     * or no schemas in HEAD.
     */
    static Result load(Path moduleDir) {
        Git git = new Git(moduleDir);
        Optional<String> inside = git.run("rev-parse", "--is-inside-work-tree");
        if (inside.isEmpty() || !inside.get().trim().equals("true")) {
            return Result.unavailable("git is not available or " + moduleDir + " is not in a git work tree ("
                    + git.lastError + ")");
        }
        Optional<String> files = git.run("ls-tree", "--name-only", "HEAD", "src/main/avro/");
        if (files.isEmpty() || files.get().isBlank()) {
            return Result.unavailable("HEAD has no src/main/avro schemas (" + git.lastError + ")");
        }
        SchemaParser parser = new SchemaParser();
        List<SchemaParser.ParseResult> parsed = new ArrayList<>();
        for (String file : files.get().split("\n")) {
            if (!file.endsWith(".avsc")) {
                continue;
            }
            Optional<String> text = git.run("show", "HEAD:./" + file);
            if (text.isEmpty()) {
                return Result.unavailable("cannot read " + file + " from HEAD (" + git.lastError + ")");
            }
            parsed.add(parser.parse(text.get()));
        }
        Map<String, Schema> byName = new HashMap<>();
        for (SchemaParser.ParseResult result : parsed) {
            // resolve after parsing everything: files refer to types defined in other files
            Schema schema = parser.resolve(result);
            byName.put(schema.getFullName(), schema);
        }
        return new Result(Optional.of(new GitHeadSchemas(byName)), null);
    }

    /** The schema with this full name as of HEAD, if HEAD has it. */
    Optional<Schema> schema(String fullName) {
        return Optional.ofNullable(byName.get(fullName));
    }

    record Result(Optional<GitHeadSchemas> schemas, String whyUnavailable) {
        static Result unavailable(String why) {
            return new Result(Optional.empty(), why);
        }
    }

    /** Minimal git runner: output on success, empty (with the error remembered) otherwise. */
    private static final class Git {
        private final Path dir;
        private String lastError = "";

        Git(Path dir) {
            this.dir = dir;
        }

        Optional<String> run(String... args) {
            List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
                byte[] out = process.getInputStream().readAllBytes();
                byte[] err = process.getErrorStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    lastError = new String(err, StandardCharsets.UTF_8).trim();
                    return Optional.empty();
                }
                return Optional.of(new String(out, StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastError = e.getMessage();
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = "interrupted";
                return Optional.empty();
            }
        }
    }
}
