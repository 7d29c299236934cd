package io.pitwall.launcher;

import io.pitwall.launcher.results.ResultsCsv;
import io.pitwall.launcher.results.ResultsJson;
import io.pitwall.launcher.results.SessionResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code pitwall results VENUE}: the classification and every lap of a session, rebuilt from Kafka, as CSV or JSON
 * for the organisers.
 */
@Command(name = "results", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Results of a session, rebuilt from Kafka: the final classification and every lap with its sectors.",
                "",
                "Laps are the final version of each lap in timing.laps (corrections applied, deleted laps left out).",
                "The classification comes from the timing engine run again over the session's inputs",
                "(timing.sessions, timing.session-control, timing.passings) and is checked against timing.laps and",
                "the last state the lap processor published in timing71.states.",
                "",
                "Exit status: 0 written and every check agrees (for a session still running, differences are",
                "only a note); 1 failed (unknown venue or session, Kafka unreachable...); 2 usage error;",
                "3 written, but the checks found differences (listed on stderr).",
                ""})
final class ResultsCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "csv|json", description = "csv or json.")
    String format;

    @Option(names = "--what", paramLabel = "PART", defaultValue = "both",
            description = "classification, laps, or both (default). CSV with both: the classification table, an empty"
                    + " line, then the laps table; each part alone is one plain RFC 4180 table. JSON has both always.")
    String what;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Mixin
    ArchiveAccess.SessionSource source;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean csv = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': '" + format + "' (expected csv or json)");
        };
        ResultsCsv.Part part;
        try {
            part = ResultsCsv.Part.valueOf(what.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--what': '" + what + "' (expected classification, laps or both)");
        }
        PrintWriter err = spec.commandLine().getErr();
        return source.read(err, (archive, recorded) -> {
            SessionResults results = SessionResults.of(recorded);
            OutputTarget.write(output, spec.commandLine().getOut(), writer -> {
                if (csv) {
                    ResultsCsv.write(results, part, writer);
                } else {
                    ResultsJson.write(results, writer);
                }
            });
            err.printf("%s / %s (%s): %d cars classified, %d laps%s%n", source.venue, recorded.sessionId(),
                    recorded.config().getName(), results.classification().size(), results.laps().size(),
                    output == null ? "" : ", written to " + output);
            return ArchiveAccess.checked(results.differences(), results.stateChecked(), recorded, err);
        });
    }
}
