package io.pitwall.ingest.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Loads a {@link Configuration} from, lowest to highest precedence: field defaults, an optional
 * properties file ({@code --config FILE} or {@value #CONFIG_FILE_ENV}), environment variables, the
 * command line ({@code --name=value}) and finally values set in code ({@link #set}, for embedding a
 * service in another process).
 *
 * <p>A blank value counts as not set, so an empty {@code KAFKA_BOOTSTRAP_SERVERS=} in a Kubernetes
 * manifest falls back to the file or default instead of failing obscurely later. Unknown options in
 * the file or on the command line are errors (a typo must not silently leave a default in place);
 * unknown environment variables are ignored because the environment is shared with everything else.
 * All problems are collected and thrown together as one {@link ConfigException}.
 */
public final class ConfigLoader {

    /** Environment variable naming the config file when {@code --config} is not given. */
    public static final String CONFIG_FILE_ENV = "PITWALL_CONFIG_FILE";

    private final ConfigFields fields;
    private String envPrefix = "";
    private Map<String, String> environment = System.getenv();
    private CommandLine commandLine = CommandLine.empty();
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private ConfigLoader(ConfigFields fields) {
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    public static ConfigLoader of(ConfigFields fields) {
        return new ConfigLoader(fields);
    }

    /** Per-service prefix of every environment variable, e.g. {@code CTP01_}; default none. */
    public ConfigLoader envPrefix(String prefix) {
        this.envPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** The environment to read; defaults to {@link System#getenv()}. */
    public ConfigLoader environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    public ConfigLoader commandLine(CommandLine cl) {
        this.commandLine = Objects.requireNonNull(cl, "commandLine");
        return this;
    }

    public ConfigLoader commandLine(String... args) {
        return commandLine(CommandLine.parse(args));
    }

    /** Sets an option in code, above every other source. */
    public ConfigLoader set(String name, String value) {
        overrides.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    public String envPrefix() {
        return envPrefix;
    }

    /** @throws ConfigException listing every problem found */
    public Configuration load() {
        List<ConfigProblem> problems = new ArrayList<>(commandLine.problems());
        Map<String, RawValue> raw = new LinkedHashMap<>();

        readFile(raw, problems);
        readEnvironment(raw);
        readNamed(commandLine.options(), "command line", "--%s", raw, problems);
        readNamed(overrides, "set in code", "%s", raw, problems);

        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ConfigField<?> field : fields) {
            resolve(field, raw.get(field.name()), values, origins, problems);
        }
        Map<String, Map<String, String>> passthrough = new LinkedHashMap<>();
        for (Passthrough p : fields.passthroughs()) {
            passthrough.put(p.prefix(), new TreeMap<>());
        }
        raw.forEach((name, rv) -> fields.passthroughFor(name).ifPresent(p -> {
            if (fields.find(name).isPresent()) {
                return;
            }
            String key = p.strip(name);
            Optional<String> problem = p.validator().apply(key, rv.value);
            if (problem.isPresent()) {
                String shown = p.secretKey().test(key) ? Configuration.SECRET_MASK : rv.value;
                problems.add(new ConfigProblem(name, rv.origin, shown, "not allowed; allowed: " + problem.get()));
            } else {
                passthrough.get(p.prefix()).put(key, rv.value);
                origins.put(name, rv.origin);
            }
        }));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(fields, values, origins, passthrough);
    }

    private void readFile(Map<String, RawValue> raw, List<ConfigProblem> problems) {
        Optional<String> fromArgs = commandLine.configFile();
        String name = fromArgs.orElseGet(() -> environment.get(CONFIG_FILE_ENV));
        if (name == null || name.isBlank()) {
            return;
        }
        String source = fromArgs.isPresent() ? "--config" : "environment variable " + CONFIG_FILE_ENV;
        Path file = Path.of(name.trim());
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem("config file", source, file.toString(), "file does not exist"));
            return;
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new ConfigProblem("config file", source, file.toString(), "cannot be read: " + e.getMessage()));
            return;
        }
        Map<String, String> entries = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> entries.put(k.trim(), props.getProperty(k)));
        readNamed(entries, "config file " + file, "%s", raw, problems);
    }

    private void readEnvironment(Map<String, RawValue> raw) {
        for (ConfigField<?> field : fields) {
            String env = field.envName(envPrefix);
            putIfSet(raw, field.name(), environment.get(env), "environment variable " + env);
        }
        // sorted so that the result does not depend on the environment map's iteration order
        for (Passthrough p : fields.passthroughs()) {
            new TreeMap<>(environment).forEach((env, value) -> p.keyFromEnv(env, envPrefix).ifPresent(key -> {
                String name = p.prefix() + key;
                if (fields.find(name).isEmpty()) {
                    putIfSet(raw, name, value, "environment variable " + env);
                }
            }));
        }
    }

    private void readNamed(Map<String, String> entries, String origin, String shownAs,
            Map<String, RawValue> raw, List<ConfigProblem> problems) {
        entries.forEach((name, value) -> {
            Optional<ConfigField<?>> field = fields.find(name);
            if (field.isEmpty() && fields.passthroughFor(name).isEmpty()) {
                problems.add(new ConfigProblem(String.format(shownAs, name), origin, null, unknownOption(name)));
                return;
            }
            if (value == null) {
                // bare --name: only meaningful for a boolean option
                if (field.isPresent() && field.get().type() == ConfigTypes.BOOLEAN) {
                    value = "true";
                } else {
                    problems.add(new ConfigProblem(String.format(shownAs, name), origin, null,
                            "needs a value, written --" + name + "=VALUE"));
                    return;
                }
            }
            putIfSet(raw, name, value, origin);
        });
    }

    private static void putIfSet(Map<String, RawValue> raw, String name, String value, String origin) {
        if (value != null && !value.isBlank()) {
            raw.put(name, new RawValue(value.trim(), origin));
        }
    }

    private static <T> void resolve(ConfigField<T> field, RawValue rv, Map<String, Object> values,
            Map<String, String> origins, List<ConfigProblem> problems) {
        if (rv == null) {
            if (field.isRequired()) {
                problems.add(new ConfigProblem(field.name(), "", null, "is required but not set"));
            } else {
                field.defaultValue().ifPresent(d -> {
                    values.put(field.name(), d);
                    origins.put(field.name(), "default");
                });
            }
            return;
        }
        String shown = field.isSecret() ? Configuration.SECRET_MASK : rv.value;
        T value;
        try {
            value = field.type().parse(rv.value);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(field.name(), rv.origin, shown,
                    "not a valid " + field.type().name() + "; allowed: " + e.getMessage()));
            return;
        }
        Optional<String> problem = field.validate(value);
        if (problem.isPresent()) {
            problems.add(new ConfigProblem(field.name(), rv.origin, shown, "not allowed; allowed: " + problem.get()));
            return;
        }
        values.put(field.name(), value);
        origins.put(field.name(), rv.origin);
    }

    private String unknownOption(String name) {
        Optional<String> closest = fields.fields().stream()
                .map(ConfigField::name)
                .min(Comparator.comparingInt(candidate -> editDistance(candidate, name)))
                .filter(candidate -> editDistance(candidate, name) <= Math.max(2, name.length() / 4));
        return "unknown option" + closest.map(c -> "; did you mean " + c + "?").orElse(" (see --help)");
    }

    /** Levenshtein distance, for "did you mean" on typos. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private record RawValue(String value, String origin) {
    }
}
