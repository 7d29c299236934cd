package io.pitwall.launcher;

import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pitwall session VENUE ACTION}: race control from the command line. Writes a {@code SessionControl} to
 * {@code timing.session-control} (START, STOP, a flag, a message, a retirement, a penalty), or shows the venue's
 * current session configuration.
 */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = {
                "Race control for a venue's current session.",
                "",
                "  pitwall session VENUE show                 the session configuration (JSON)",
                "  pitwall session VENUE start | stop         START / STOP the session now",
                "  pitwall session VENUE flag FLAG            green, yellow, fcy, sc, vsc, code_60, red,",
                "                                             white, chequered, caution, slow_zone, none",
                "  pitwall session VENUE message TEXT...      a race-control message",
                "  pitwall session VENUE retire CAR [TEXT]    retire a car",
                "  pitwall session VENUE penalty CAR TEXT...  a penalty for a car",
                ""})
final class SessionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VENUE", description = "The venue id.")
    String venue;

    @Parameters(index = "1", paramLabel = "ACTION", description = "show, start, stop, flag, message, retire or penalty.")
    String action;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "The flag, the car, the text.")
    List<String> args = List.of();

    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--session-id", paramLabel = "ID",
            description = "The session the action is for. Default: the venue's current session.")
    String sessionId;

    @Override
    public Integer call() throws IOException {
        if (!action.equalsIgnoreCase("show")) {
            try {
                // refuse a mistyped action before waiting for Kafka
                RaceControlInput.parse(venue, action, args, sessionId, Instant.now(), "check");
            } catch (IllegalArgumentException e) {
                System.err.println("pitwall session: " + e.getMessage());
                return 2;
            }
        }
        String kafka = endpoints.kafka();
        String registry = endpoints.registry();
        if (kafka == null || registry == null) {
            System.err.println("No Pitwall to talk to: start 'pitwall up', or pass --bootstrap and --schema-registry"
                    + " (or set KAFKA_BOOTSTRAP and SCHEMA_REGISTRY_URL).");
            return 2;
        }
        try (RaceControlClient raceControl = new RaceControlClient(kafka, registry)) {
            SessionConfig current = raceControl.currentSessions(List.of(venue), Duration.ofSeconds(30)).get(venue);
            if (action.equalsIgnoreCase("show")) {
                if (current == null) {
                    System.err.println("Venue " + venue + " has no session configuration.");
                    return 1;
                }
                System.out.println(GenericData.get().toString(current));
                return 0;
            }
            SessionControl control;
            try {
                control = control(current);
            } catch (IllegalArgumentException e) {
                System.err.println("pitwall session: " + e.getMessage());
                return 2;
            }
            raceControl.publish(control);
            System.err.println(venue + ": " + control.getAction().name().toLowerCase(Locale.ROOT)
                    + (control.getFlag() == null ? "" : " " + control.getFlag().name().toLowerCase(Locale.ROOT))
                    + (control.getCarNumber() == null ? "" : " #" + control.getCarNumber())
                    + (control.getMessage() == null ? "" : " \"" + control.getMessage() + "\"")
                    + " for session " + (control.getSessionId() == null ? "(current)" : control.getSessionId()));
            return 0;
        }
    }

    private SessionControl control(SessionConfig current) {
        return RaceControlInput.parse(venue, action, args,
                sessionId != null ? sessionId : current != null ? current.getSessionId() : null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "pitwall session (" + System.getProperty("user.name", "cli") + ")");
    }
}
