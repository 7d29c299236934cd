package io.pitwall.ingest.ctp01.session;

import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.Ctp01RequestOptions;
import io.pitwall.ingest.ctp01.codec.LocationMode;
import io.pitwall.ingest.ctp01.codec.ServerGreeting;
import io.pitwall.ingest.ctp01.codec.StreamMode;
import io.pitwall.ingest.ctp01.codec.TagEventFormat;
import io.pitwall.ingest.ctp01.config.VenueConfig;

/**
 * The server's greeting: every request option Pitwall relies on is sent explicitly, because the
 * defaults changed between revisions of the protocol document.
 *
 * <ul>
 *   <li>{@code location=multi}: every location over one link; each is a stream of its own.</li>
 *   <li>{@code tagevent-format=CT01_33}; lines in other CT01 formats (such as the comma-separated
 *       CT01_13) are still read, since every tag line names its own format.</li>
 *   <li>Push mode: {@code newlocations=true} so new locations are started at once, and
 *       {@code connection-id=true} so the client holds those announcements back until the server knows
 *       its connection id and can look up where each location resumes.</li>
 * </ul>
 */
final class Greetings {

    private Greetings() {
    }

    static ServerGreeting serverGreeting(String program, String version, VenueConfig.GreetingSettings settings,
                                         String seed) {
        Ctp01RequestOptions.Builder options = Ctp01RequestOptions.builder()
                .location(LocationMode.MULTI)
                .streamMode(settings.streamMode())
                .timeFormat(settings.timeFormat())
                .tagEventFormat(TagEventFormat.CT01_33);
        if (settings.streamMode() == StreamMode.PUSH) {
            options.gunTimes(settings.gunTimes())
                    .newLocations(true)
                    .connectionId(true)
                    .pushModeAck(settings.pushModeAck());
        }
        if (settings.authentication() != AuthenticationMethod.NONE) {
            options.authentication(settings.authentication(), settings.authentication().requiresSeed() ? seed : null);
        }
        return new ServerGreeting(program, version, options.build());
    }
}
