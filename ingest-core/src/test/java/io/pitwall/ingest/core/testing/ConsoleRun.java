package io.pitwall.ingest.core.testing;

import io.pitwall.ingest.core.service.IngestService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A service's command line run as {@code main} runs it, with standard output and error captured: for
 * {@code --help} and configuration errors, which end before anything starts.
 */
public record ConsoleRun(int exitStatus, String out, String err) {

    public static ConsoleRun of(IngestService service, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = service.run(args, o, e);
        }
        return new ConsoleRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Both streams, for "appears nowhere" assertions. */
    public String all() {
        return out + "\n" + err;
    }
}
