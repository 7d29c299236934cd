package io.pitwall.ingest.chronocloud.session;

import io.pitwall.ingest.chronocloud.codec.Confirmation;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a confirmation may be written on one connection.
 *
 * <p>A confirmation names no PDU unambiguously: {@code bumb-0} answers a {@code connected} PDU with id
 * 0 and passing 0 of any round alike, {@code pong} any keepalive. If {@code bumb-0} went out as soon
 * as the {@code connected} PDU was stored, a station could take it for passing 0, which might still be
 * waiting for Kafka — and never send it again. So a text is written only when <em>every</em> PDU of
 * this connection it could refer to has been stored. (A PDU that cannot be stored at all closes the
 * connection instead: see {@link ChronoFlySession}.)
 *
 * <p>Confined to the connection's event loop.
 */
public final class ConfirmationGate {

    private final Map<String, Integer> held = new HashMap<>();

    /** A PDU answered by {@code confirmation} is on its way to Kafka. */
    public void hold(Confirmation confirmation) {
        held.merge(confirmation.text(), 1, Integer::sum);
    }

    /**
     * A held PDU was stored.
     *
     * @return whether to write {@code confirmation} now: no other PDU it could mean is still on its way
     */
    public boolean release(Confirmation confirmation) {
        Integer count = held.get(confirmation.text());
        if (count == null) {
            return false;
        }
        if (count > 1) {
            held.put(confirmation.text(), count - 1);
            return false;
        }
        held.remove(confirmation.text());
        return true;
    }

    /**
     * A PDU answered by {@code confirmation} is already stored.
     *
     * @return whether to write {@code confirmation} now (false while others with the same text are
     *         held: it goes out with them)
     */
    public boolean confirmNow(Confirmation confirmation) {
        return !held.containsKey(confirmation.text());
    }

    /** Texts currently held back (for tests and diagnostics). */
    public int heldTexts() {
        return held.size();
    }
}
