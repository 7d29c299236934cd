package io.pitwall.launcher.demo;

import io.pitwall.events.SessionConfig;
import io.pitwall.launcher.RaceControlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one simulated venue in real time: race control configures a session and starts it (through Kafka, as an
 * operator would), the generated race is replayed into the venue's hardware simulator, and when it is over and
 * its results have been on screen for a while the next session starts. The replaced session's Timing71 service
 * is then ended so that the live directory shows one session per venue.
 */
public final class VenueDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VenueDriver.class);

    /** How long a finished session's results stay on screen before the next one starts. */
    static final Duration RESULTS_PAUSE = Duration.ofSeconds(30);
    /** A replaced session's service ends this long after the next session started (the lap processor has moved on). */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(20);
    /** A running session found at start-up is carried on if at least this much of it is left. */
    static final Duration RESUME_MINIMUM = Duration.ofSeconds(60);
    private static final Duration FEED_WAIT = Duration.ofSeconds(60);

    private final VenueSpec spec;
    private final HardwareFeed feed;
    private final RaceControlClient raceControl;
    private final SessionConfig current;
    private final Consumer<String> info;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param current the venue's session configuration found in Kafka at start-up, or null
     * @param info    where progress lines go
     */
    public VenueDriver(VenueSpec spec, HardwareFeed feed, RaceControlClient raceControl, SessionConfig current,
                Consumer<String> info) {
        this.spec = spec;
        this.feed = feed;
        this.raceControl = raceControl;
        this.current = current;
        this.info = info;
        this.thread = new Thread(this::run, "venue-" + spec.venueId());
        this.thread.setDaemon(true);
    }

    public VenueSpec spec() {
        return spec;
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            awaitFeed();
            DemoSession session = current == null ? null
                    : DemoSession.resume(spec, feed, current, Instant.now(), RESUME_MINIMUM).orElse(null);
            String replaced = current != null && session == null ? uuidOf(current) : null;
            Duration headStart = spec.headStart();
            while (!stopped) {
                if (session == null) {
                    session = DemoSession.start(spec, feed, Instant.now().minus(headStart));
                    feed.newSession(session.sessionId());
                    raceControl.publish(session.config());
                    session.startControl().ifPresent(raceControl::publish);
                    info.accept(spec.venueId() + ": " + describe(session) + " started"
                            + (headStart.isZero() ? "" : " " + headStart.toSeconds() + " s ago (joining it under way)"));
                    headStart = Duration.ZERO;
                } else {
                    info.accept(spec.venueId() + ": carrying on with " + describe(session));
                }
                replay(session, replaced);
                sleepUntil(Instant.now().plus(RESULTS_PAUSE));
                replaced = session.serviceUuid();
                session = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.error("Venue {} stopped: {}", spec.venueId(), e.toString(), e);
                info.accept(spec.venueId() + ": simulation stopped after an error: " + e.getMessage());
            }
        }
    }

    private String uuidOf(SessionConfig config) {
        return io.pitwall.processor.timing71.ServiceIds.serviceUuid(config.getVenueId(), config.getSessionId());
    }

    private String describe(DemoSession session) {
        return "session " + session.sessionId() + " (" + spec.name() + ", " + spec.sessionType().name().toLowerCase()
                + ", " + spec.sessionLength().toMinutes() + " min, " + spec.cars() + " cars)";
    }

    private void awaitFeed() throws InterruptedException {
        Instant deadline = Instant.now().plus(FEED_WAIT);
        while (!feed.isReady() && !stopped) {
            if (Instant.now().isAfter(deadline)) {
                info.accept(spec.venueId() + ": " + feed.describe() + " is not connected yet; racing anyway"
                        + " (the hardware keeps what it cannot send)");
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Replays the session's steps at their times; ends the replaced session's service on the way. */
    private void replay(DemoSession session, String replaced) throws InterruptedException {
        Instant retireAt = replaced == null ? null : Instant.now().plus(RETIRE_AFTER);
        for (DemoSession.Step step : session.steps()) {
            if (retireAt != null && !step.at().isBefore(retireAt)) {
                sleepUntil(retireAt);
                retire(replaced);
                retireAt = null;
            }
            sleepUntil(step.at());
            if (stopped) {
                return;
            }
            if (step.read() != null) {
                feed.send(step.read());
            } else {
                raceControl.publish(step.control());
            }
        }
        if (retireAt != null) {
            sleepUntil(retireAt);
            retire(replaced);
        }
    }

    private void retire(String uuid) {
        if (!stopped && !uuid.isEmpty()) {
            raceControl.endService(uuid);
        }
    }

    private void sleepUntil(Instant at) throws InterruptedException {
        while (!stopped) {
            long wait = Duration.between(Instant.now(), at).toMillis();
            if (wait <= 0) {
                return;
            }
            Thread.sleep(Math.min(wait, 500));
        }
    }

    /** Stops replaying; the hardware simulator is closed by its owner. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
