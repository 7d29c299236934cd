package io.pitwall.ingest.ctp01.session;

import io.pitwall.ingest.ctp01.codec.AuthenticationMethod;
import io.pitwall.ingest.ctp01.codec.AuthorizeRequest;
import io.pitwall.ingest.ctp01.codec.Ctp01Authenticator;
import io.pitwall.ingest.ctp01.config.Listener;
import io.pitwall.ingest.ctp01.config.VenueConfig;
import java.util.Optional;

/**
 * Checks {@code authorize~<user>~<string>} against the users of a port's venues.
 *
 * <p>Unknown users are checked against a dummy password too, so the time an answer takes does not tell
 * an attacker which user ids exist; the comparison itself is constant-time
 * ({@link Ctp01Authenticator#verify}).
 */
final class Authorizer {

    /** The outcome: the venue on success, otherwise the reason (for metrics and the log, never the client). */
    record Result(Optional<VenueConfig> venue, Optional<VenueConfig> claimedVenue, String failure) {

        boolean accepted() {
            return failure == null;
        }
    }

    private static final String DUMMY_PASSWORD = "pitwall-no-such-user-0f3c9a";

    private Authorizer() {
    }

    static Result check(Listener listener, AuthenticationMethod method, String seed, AuthorizeRequest request) {
        Optional<Listener.Account> account = listener.account(request.userId());
        String password = account.map(a -> a.password().reveal()).orElse(DUMMY_PASSWORD);
        boolean matches = Ctp01Authenticator.verify(method, password, seed, request.authenticationString());
        if (account.isEmpty()) {
            return new Result(Optional.empty(), Optional.empty(), SessionMetrics.UNKNOWN_USER);
        }
        if (!matches) {
            return new Result(Optional.empty(), Optional.of(account.get().venue()), SessionMetrics.WRONG_PASSWORD);
        }
        return new Result(Optional.of(account.get().venue()), Optional.of(account.get().venue()), null);
    }
}
