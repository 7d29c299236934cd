package io.pitwall.launcher;

import io.pitwall.launcher.results.RecordedSession;
import io.pitwall.launcher.results.ReplayExport;
import io.pitwall.launcher.results.StateComparison;
import io.pitwall.processor.timing71.ServiceIds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

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

    @Parameters(index = "0", paramLabel = "VENUE", description = "The venue id.")
    String venue;

    @Option(names = "--session", paramLabel = "ID",
            description = "The session. Default: the venue's current (latest) session in timing.sessions.")
    String sessionId;

    @Option(names = "--format", required = true, paramLabel = "timing71-replay",
            description = "timing71-replay (the only format).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "The file to write. Default: 'YYYY-MM-DD HH-mm <name> - <description>.zip' (UTC time of the"
                    + " first frame) in the current directory.")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long Kafka may take to answer. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Mixin
    EndpointOptions endpoints;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equalsIgnoreCase("timing71-replay")) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': '" + format + "' (expected timing71-replay)");
        }
        PrintWriter err = spec.commandLine().getErr();
        return ArchiveAccess.run(endpoints, timeoutSeconds, err, archive -> {
            RecordedSession recorded = archive.session(venue, sessionId);
            Optional<String> manifest = archive.lastManifest(ServiceIds.serviceUuid(venue, recorded.sessionId()));
            Path file = output != null ? output : Path.of(ReplayExport.fileName(recorded));
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            ReplayExport.Written written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = ReplayExport.write(recorded, manifest, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println(file);
            spec.commandLine().getOut().flush();
            err.printf("%s / %s (%s): %d frames (%d keyframes) from %s to %s%n", venue, recorded.sessionId(),
                    recorded.config().getName(), written.frames(), written.keyframes(), written.firstFrame(),
                    written.lastFrame());
            List<String> differences = recorded.lastState().isEmpty() ? List.of()
                    : StateComparison.differences(written.finalState(),
                            StateComparison.parse(recorded.lastState().get()), recorded.config().getSectorCount());
            return ArchiveAccess.checked(differences, recorded.lastState().isPresent(),
                    recorded.live(java.time.Instant.now(), ArchiveAccess.LIVE_QUIET), err);
        });
    }
}
