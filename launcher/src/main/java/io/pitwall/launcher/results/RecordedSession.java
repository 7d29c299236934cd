package io.pitwall.launcher.results;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import io.pitwall.events.SessionConfig;
import io.pitwall.events.SessionControl;
import io.pitwall.processor.timing71.ServiceIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One session of a venue as Kafka holds it: its final configuration, and the race-control actions, passings and
 * lap events that belong to it — chosen the way the lap processor chooses them. A session opens when a
 * configuration with its id is first written ({@code updatedAt}) and ends when the venue's next session opens;
 * passings and undirected actions belong to it by their time (the venue's first session also keeps whatever came
 * before it opened), directed actions by their session id.
 *
 * @param config     the latest configuration of the session (reconfigurations apply to the whole session)
 * @param laps       the session's lap events in the order they were written
 * @param lastState  the last Timing71 state the lap processor published for it, if still in Kafka
 */
public record RecordedSession(SessionConfig config, Instant opened, Instant closed, List<SessionControl> controls,
                              List<Passing> passings, List<LapEvent> laps, Optional<String> lastState) {

    public String venueId() {
        return config.getVenueId();
    }

    public String sessionId() {
        return config.getSessionId();
    }

    /**
     * Whether the session may still be running: it is the venue's current session and its last input is less than
     * {@code quiet} old. Its published results may then be a moment older than the inputs read after them.
     */
    public boolean live(Instant now, java.time.Duration quiet) {
        if (closed != null) {
            return false;
        }
        Instant last = config.getUpdatedAt();
        for (Passing p : passings) {
            last = p.getPassingTime().isAfter(last) ? p.getPassingTime() : last;
        }
        for (SessionControl c : controls) {
            last = c.getAt().isAfter(last) ? c.getAt() : last;
        }
        return last.plus(quiet).isAfter(now);
    }

    public String serviceUuid() {
        return ServiceIds.serviceUuid(venueId(), sessionId());
    }

    /** The sessions of a venue in the order they opened, each with the latest configuration. */
    public static List<SessionConfig> sessionsOf(String venue, List<SessionConfig> configs) {
        Map<String, SessionConfig> latest = new LinkedHashMap<>();
        for (SessionConfig config : configs) {
            if (config.getVenueId().equals(venue)) {
                latest.put(config.getSessionId(), config);
            }
        }
        // order by when each session opened (first version written), not by the last reconfiguration
        Map<String, Instant> opened = openingTimes(venue, configs);
        List<SessionConfig> sessions = new ArrayList<>(latest.values());
        sessions.sort(java.util.Comparator.comparing((SessionConfig c) -> opened.get(c.getSessionId())));
        return sessions;
    }

    private static Map<String, Instant> openingTimes(String venue, List<SessionConfig> configs) {
        Map<String, Instant> opened = new LinkedHashMap<>();
        for (SessionConfig config : configs) {
            if (config.getVenueId().equals(venue)) {
                opened.merge(config.getSessionId(), config.getUpdatedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return opened;
    }

    /**
     * Picks a session of a venue and what belongs to it.
     *
     * @param sessionId null for the venue's current (latest) session
     * @throws ResultsException for an unknown venue (naming the known ones) or session (naming the venue's)
     */
    public static Selector select(String venue, String sessionId, List<SessionConfig> configs) {
        List<SessionConfig> sessions = sessionsOf(venue, configs);
        if (sessions.isEmpty()) {
            TreeSet<String> venues = new TreeSet<>();
            configs.forEach(c -> venues.add(c.getVenueId()));
            throw new ResultsException("Unknown venue '" + venue + "'. Venues with a session in timing.sessions: "
                    + (venues.isEmpty() ? "none" : String.join(", ", venues)));
        }
        Map<String, Instant> opened = openingTimes(venue, configs);
        int index = -1;
        if (sessionId == null) {
            index = sessions.size() - 1;
        } else {
            for (int i = 0; i < sessions.size(); i++) {
                if (sessions.get(i).getSessionId().equals(sessionId)) {
                    index = i;
                }
            }
        }
        if (index < 0) {
            StringBuilder known = new StringBuilder();
            for (SessionConfig s : sessions) {
                known.append(String.format("%n  %-24s %s (%s, opened %s)", s.getSessionId(), s.getName(),
                        s.getType().name().toLowerCase(java.util.Locale.ROOT), opened.get(s.getSessionId())));
            }
            throw new ResultsException("Venue '" + venue + "' has no session '" + sessionId + "'. Its sessions:" + known);
        }
        SessionConfig config = sessions.get(index);
        Instant open = opened.get(config.getSessionId());
        Instant close = index + 1 < sessions.size() ? opened.get(sessions.get(index + 1).getSessionId()) : null;
        return new Selector(config, index == 0 ? null : open, open, close);
    }

    /**
     * The chosen session's time window.
     *
     * @param from    passings/undirected actions from this time on belong to it, null for no lower bound
     * @param opened  when its first configuration was written
     * @param until   when the next session opened, null for the venue's current session
     */
    public record Selector(SessionConfig config, Instant from, Instant opened, Instant until) {

        public RecordedSession collect(List<SessionControl> venueControls, List<Passing> venuePassings,
                                       List<LapEvent> venueLaps, Optional<String> lastState) {
            String id = config.getSessionId();
            List<SessionControl> controls = new ArrayList<>();
            for (SessionControl control : venueControls) {
                boolean belongs = control.getSessionId() != null ? control.getSessionId().equals(id)
                        : inWindow(control.getAt());
                if (belongs) {
                    controls.add(control);
                }
            }
            List<Passing> passings = new ArrayList<>();
            for (Passing passing : venuePassings) {
                if (inWindow(passing.getPassingTime())) {
                    passings.add(passing);
                }
            }
            List<LapEvent> laps = venueLaps.stream().filter(l -> l.getSessionId().equals(id)).toList();
            return new RecordedSession(config, opened, until, controls, passings, laps, lastState);
        }

        private boolean inWindow(Instant time) {
            return (from == null || !time.isBefore(from)) && (until == null || time.isBefore(until));
        }
    }
}
