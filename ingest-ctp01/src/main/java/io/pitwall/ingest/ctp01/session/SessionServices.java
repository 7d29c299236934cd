package io.pitwall.ingest.ctp01.session;

import io.netty.channel.Channel;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.ctp01.Ctp01Config;
import io.pitwall.ingest.ctp01.codec.AuthenticationSeedGenerator;
import io.pitwall.ingest.ctp01.resume.ResumeTracker;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every connection of the process shares.
 *
 * @param attachBackPressure puts a channel under the publisher's back-pressure (ingest-core's
 *                           {@code AutoReadSwitch::attach})
 */
public record SessionServices(
        Ctp01Config config,
        EventSink sink,
        IngestMetrics metrics,
        SessionMetrics sessionMetrics,
        ResumeTracker tracker,
        ActiveSessions activeSessions,
        AuthenticationSeedGenerator seeds,
        Clock clock,
        Consumer<Channel> attachBackPressure) {

    public SessionServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(sessionMetrics, "sessionMetrics");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(activeSessions, "activeSessions");
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(attachBackPressure, "attachBackPressure");
    }
}
