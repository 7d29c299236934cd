package io.pitwall.launcher;

import io.pitwall.launcher.results.KafkaArchive;
import io.pitwall.launcher.results.RecordedSession;
import io.pitwall.launcher.results.ResultsException;
import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code results} and {@code export} share: endpoints, a {@link KafkaArchive}, errors and exit status. */
final class ArchiveAccess {

    static final int WRITTEN = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int DIFFERENCES = 3;

    interface Work {
        int run(KafkaArchive archive) throws IOException;
    }

    /** What a command does with the session it asked for; returns the exit status. */
    interface SessionWork {
        int run(KafkaArchive archive, RecordedSession recorded) throws IOException;
    }

    /** The options that pick a recorded session and say where to read it: VENUE, --session, --timeout, endpoints. */
    static final class SessionSource {

        @Parameters(index = "0", paramLabel = "VENUE", description = "The venue id.")
        String venue;

        @Option(names = "--session", paramLabel = "ID",
                description = "The session. Default: the venue's current (latest) session in timing.sessions.")
        String sessionId;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
                description = "How long Kafka may take to answer. Default: ${DEFAULT-VALUE}.")
        int timeoutSeconds;

        @Mixin
        EndpointOptions endpoints;

        /** Reads the session from Kafka and hands it to {@code work}; errors become messages and exit statuses. */
        int read(PrintWriter err, SessionWork work) throws IOException {
            return run(endpoints, timeoutSeconds, err, archive -> work.run(archive, archive.session(venue, sessionId)));
        }
    }

    private ArchiveAccess() {
    }

    static int run(EndpointOptions endpoints, int timeoutSeconds, PrintWriter err, Work work) throws IOException {
        String kafka = endpoints.kafka();
        String registry = endpoints.registry();
        if (kafka == null || registry == null) {
            err.println("No Pitwall to read from: start 'pitwall up', or pass --bootstrap and --schema-registry"
                    + " (or set KAFKA_BOOTSTRAP and SCHEMA_REGISTRY_URL).");
            err.flush();
            return USAGE;
        }
        try (KafkaArchive archive = new KafkaArchive(kafka, registry, Duration.ofSeconds(timeoutSeconds), err)) {
            return work.run(archive);
        } catch (ResultsException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (SchemaRegistryException e) {
            err.println("Schema registry at " + registry + ": " + e.getMessage());
            return FAILED;
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            err.println("Cannot read a record (schema registry " + registry + "): " + e.getMessage());
            return FAILED;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("Kafka at " + kafka + " did not answer in time: " + e.getMessage());
            return FAILED;
        } finally {
            err.flush();
        }
    }

    /** A session with an input in the last minute may still be running. */
    static final Duration LIVE_QUIET = Duration.ofSeconds(60);

    /**
     * Reports the cross-checks: {@link #DIFFERENCES} when there are any, except for a live session, whose published
     * results may lag the inputs read a moment later (then the differences are a note).
     */
    static int checked(List<String> differences, boolean stateCompared, RecordedSession recorded, PrintWriter err) {
        return checked(differences, stateCompared, recorded.live(Instant.now(), LIVE_QUIET), err);
    }

    static int checked(List<String> differences, boolean stateCompared, boolean live, PrintWriter err) {
        if (!stateCompared) {
            err.println("note: no published Timing71 state of this session is left in timing71.states to compare with");
        }
        if (differences.isEmpty()) {
            return WRITTEN;
        }
        if (live) {
            err.println("note: the session is still running (an input in the last " + LIVE_QUIET.toSeconds()
                    + " s), so what the lap processor published lags the inputs; differences:");
            differences.stream().limit(10).forEach(d -> err.println("  " + d));
            return WRITTEN;
        }
        err.println("WARNING: what was rebuilt from the inputs differs from what the lap processor published"
                + " (is the session still running, or were inputs deleted?):");
        differences.stream().limit(50).forEach(d -> err.println("  " + d));
        if (differences.size() > 50) {
            err.println("  ... and " + (differences.size() - 50) + " more");
        }
        return DIFFERENCES;
    }
}
