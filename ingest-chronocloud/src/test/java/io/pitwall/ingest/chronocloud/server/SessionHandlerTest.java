package io.pitwall.ingest.chronocloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.pitwall.ingest.chronocloud.mapping.DecoderStatusMapper;
import io.pitwall.ingest.chronocloud.mapping.LineMap;
import io.pitwall.ingest.chronocloud.mapping.PassingMapper;
import io.pitwall.ingest.chronocloud.mapping.StationDirectory;
import io.pitwall.ingest.chronocloud.mapping.VenueClocks;
import io.pitwall.ingest.chronocloud.session.ChronoCloudMetrics;
import io.pitwall.ingest.chronocloud.session.PassingLedger;
import io.pitwall.ingest.chronocloud.session.SessionContext;
import io.pitwall.ingest.chronocloud.session.TestSink;
import io.pitwall.ingest.chronocloud.signature.SignatureFailureAction;
import io.pitwall.ingest.chronocloud.signature.SignatureVerifier;
import io.pitwall.ingest.chronocloud.signature.StationKeys;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionHandlerTest {

    SessionContext context() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VenueClocks clocks = VenueClocks.of(ZoneOffset.UTC);
        return new SessionContext(new StationDirectory(Map.of(), Optional.of("v")), new SignatureVerifier(StationKeys.none()),
                SignatureFailureAction.REJECT, new PassingLedger(10, 10, Clock.systemUTC()),
                new PassingMapper(clocks, LineMap.defaultMap()), new DecoderStatusMapper(clocks), new TestSink(),
                new IngestMetrics(registry, "CHRONOCLOUD"), new ChronoCloudMetrics(registry), Clock.systemUTC(),
                Duration.ofSeconds(95));
    }

    @Test
    void silenceWhileReadsArePausedForBackPressureIsNotTheStationsFault() {
        EmbeddedChannel channel = new EmbeddedChannel(new SessionHandler(context(), c -> { }));
        channel.config().setAutoRead(false);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();

        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
    }
}
