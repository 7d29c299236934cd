package io.pitwall.publisher.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which live service the t71 root path and the RMonitor feed follow. The configured value is a
 * uuid or a manifest name; a name follows a venue from session to session (each session is a new
 * service with a new uuid), picking the newest. With nothing configured, the only live service is the
 * default, and with several none is: guessing would put the wrong session on a scoreboard.
 */
public final class DefaultServiceSelector {

    private static final Comparator<ServiceSnapshot> NEWEST =
            Comparator.comparingLong(ServiceSnapshot::startTime).thenComparing(ServiceSnapshot::uuid);

    private final String configured;

    public DefaultServiceSelector(String configured) {
        this.configured = configured == null ? "" : configured.trim();
    }

    public Optional<ServiceSnapshot> select(Collection<ServiceSnapshot> services) {
        if (configured.isEmpty()) {
            var live = services.stream().filter(ServiceSnapshot::isLive).limit(2).toList();
            return live.size() == 1 ? Optional.of(live.get(0)) : Optional.empty();
        }
        Optional<ServiceSnapshot> byUuid = services.stream()
                .filter(s -> s.isLive() && s.uuid().equals(configured)).findFirst();
        if (byUuid.isPresent()) {
            return byUuid;
        }
        String name = configured.toLowerCase(Locale.ROOT);
        return services.stream()
                .filter(s -> s.isLive() && s.name().toLowerCase(Locale.ROOT).equals(name))
                .max(NEWEST);
    }
}
