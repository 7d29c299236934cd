package io.pitwall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/docker/Dockerfile read as instructions (continuations joined, comments dropped), enough to check it
 * and to run a service the way its image does: the final stage's ENV, USER, ENTRYPOINT and HEALTHCHECK.
 */
final class DockerfileModel {

    static final Path FILE = DeployFiles.deployDir().resolve("docker/Dockerfile");
    static final Path JVM_OPTIONS = DeployFiles.deployDir().resolve("docker/jvm.options");

    record Instruction(String keyword, String arguments) {
    }

    private final List<List<Instruction>> stages = new ArrayList<>();

    private DockerfileModel(List<Instruction> instructions) {
        List<Instruction> current = null;
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                current = new ArrayList<>();
                stages.add(current);
            }
            if (current != null) {
                current.add(i);
            }
        }
    }

    static DockerfileModel read() {
        try {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder logical = new StringBuilder();
            for (String raw : Files.readAllLines(FILE)) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && logical.isEmpty())) {
                    continue;
                }
                boolean continues = line.endsWith("\\");
                logical.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    String text = logical.toString().strip();
                    logical.setLength(0);
                    int space = text.indexOf(' ');
                    instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
                }
            }
            return new DockerfileModel(instructions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<List<Instruction>> stages() {
        return stages;
    }

    List<Instruction> finalStage() {
        return stages.get(stages.size() - 1);
    }

    Optional<String> last(String keyword) {
        String found = null;
        for (Instruction i : finalStage()) {
            if (i.keyword().equals(keyword)) {
                found = i.arguments();
            }
        }
        return Optional.ofNullable(found);
    }

    /** ENV of the final stage ({@code ENV KEY=VALUE ...}, values optionally double-quoted). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");
        for (Instruction i : finalStage()) {
            if (i.keyword().equals("ENV")) {
                Matcher m = pair.matcher(i.arguments());
                while (m.find()) {
                    env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
                }
            }
        }
        return env;
    }

    /** An exec-form (JSON array) instruction of the final stage, e.g. ENTRYPOINT. */
    List<String> execForm(String keyword) {
        String args = last(keyword).orElseThrow(() -> new AssertionError("no " + keyword + " in the final stage"));
        if (keyword.equals("HEALTHCHECK")) {
            args = args.substring(args.indexOf("CMD ") + 4).strip();
        }
        try {
            JsonNode array = new ObjectMapper().readTree(args);
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new AssertionError(keyword + " is not in exec form (a JSON array): " + args);
        }
    }

    /** The JVM options of the image (deploy/docker/jvm.options, an argfile: one option per line). */
    static List<String> jvmOptions() {
        try {
            return Files.readAllLines(JVM_OPTIONS).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
