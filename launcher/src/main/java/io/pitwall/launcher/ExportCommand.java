package io.pitwall.launcher;

import io.pitwall.launcher.results.ReplayExport;
import io.pitwall.launcher.results.StateComparison;
import io.pitwall.processor.timing71.ServiceIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code pitwall export VENUE --format timing71-replay}: a session as a Timing71 replay file, rebuilt from Kafka. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "A session as a Timing71 replay file (ZIP), rebuilt from Kafka: manifest.json, a full-state keyframe",
                "every 10 frames and diff frames between them, one frame per second of session time.",
                "",
                "The frames come from the timing engine run again over the session's inputs (timing.sessions,",
                "timing.session-control, timing.passings); the last frame is checked against the last state the",
                "lap processor published in timing71.states.",
                "",
                "Prints the path of the file it wrote on stdout.",
                "Exit status: 0 written and the check agrees (for a session still running, differences are only",
                "a note); 1 failed (unknown venue or session, Kafka unreachable...); 2 usage error; 3 written,",
                "but the last frame differs from the published state.",
                ""})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "timing71-replay",
            description = "timing71-replay (the only format).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "The file to write. Default: 'YYYY-MM-DD HH-mm <name> - <description>.zip' (UTC time of the"
                    + " first frame) in the current directory.")
    Path output;

    @Mixin
    ArchiveAccess.SessionSource source;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equalsIgnoreCase("timing71-replay")) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': '" + format + "' (expected timing71-replay)");
        }
        PrintWriter err = spec.commandLine().getErr();
        return source.read(err, (archive, recorded) -> {
            String uuid = ServiceIds.serviceUuid(source.venue, recorded.sessionId());
            Optional<String> manifest = archive.lastManifest(uuid);
            Path file = output != null ? output : Path.of(ReplayExport.fileName(recorded));
            ReplayExport.Written written = OutputTarget.toFile(file, out -> ReplayExport.write(recorded, manifest, out));
            spec.commandLine().getOut().println(file);
            spec.commandLine().getOut().flush();
            err.printf("%s / %s (%s): %d frames (%d keyframes) from %s to %s%n", source.venue, recorded.sessionId(),
                    recorded.config().getName(), written.frames(), written.keyframes(), written.firstFrame(),
                    written.lastFrame());
            List<String> differences = recorded.lastState().isEmpty() ? List.of()
                    : StateComparison.differences(written.finalState(),
                            StateComparison.parse(recorded.lastState().get()), recorded.config().getSectorCount());
            return ArchiveAccess.checked(differences, recorded.lastState().isPresent(), recorded, err);
        });
    }
}
