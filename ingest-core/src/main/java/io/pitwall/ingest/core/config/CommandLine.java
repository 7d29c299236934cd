package io.pitwall.ingest.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of a service: {@code --help}, {@code --config FILE} and {@code --name=value}
 * options. Parsing never fails; problems are collected and reported with the rest of the
 * configuration's problems.
 */
public final class CommandLine {

    private final boolean help;
    private final String configFile;
    private final Map<String, String> options;
    private final List<ConfigProblem> problems;

    private CommandLine(boolean help, String configFile, Map<String, String> options, List<ConfigProblem> problems) {
        this.help = help;
        this.configFile = configFile;
        this.options = Collections.unmodifiableMap(options);
        this.problems = List.copyOf(problems);
    }

    public static CommandLine empty() {
        return parse();
    }

    public static CommandLine parse(String... args) {
        boolean help = false;
        String configFile = null;
        Map<String, String> options = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--config")) {
                if (i + 1 < args.length) {
                    configFile = args[++i];
                } else {
                    problems.add(new ConfigProblem("--config", "command line", null, "needs a file name"));
                }
            } else if (arg.startsWith("--config=")) {
                configFile = arg.substring("--config=".length());
            } else if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                // a bare --flag is "true", the one shorthand that cannot be misread
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                String value = eq < 0 ? null : arg.substring(eq + 1);
                options.put(name, value);
            } else {
                problems.add(new ConfigProblem(arg, "command line", null,
                        "unexpected argument; options are written --name=value (see --help)"));
            }
        }
        return new CommandLine(help, configFile, options, problems);
    }

    public boolean helpRequested() {
        return help;
    }

    public Optional<String> configFile() {
        return Optional.ofNullable(configFile);
    }

    /** Options in the order given; a {@code null} value means the bare {@code --name} form. */
    public Map<String, String> options() {
        return options;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
