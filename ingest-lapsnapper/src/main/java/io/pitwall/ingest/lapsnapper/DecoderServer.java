package io.pitwall.ingest.lapsnapper;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One LapSnapper socket server the ingest connects to, with the credentials it needs. Built by
 * {@link LapSnapperConfig}; {@link #toString()} never shows the password or the PIN code.
 *
 * @param venueId   the venue the server's passings belong to (record key and {@code venueId} of every event)
 * @param host      host name or address of the LapSnapper PC
 * @param port      its socket-server port (9001 unless changed in LapSnapper)
 * @param password  the handshake password array (API 5.1)
 * @param productId the {@code lapSnapperProductID} Pitwall sends
 * @param pinCode   the remote-control PIN (API 7); empty when none is configured, then commands are refused
 */
public record DecoderServer(String venueId, String host, int port, List<Integer> password, int productId,
                            Optional<String> pinCode) {

    public DecoderServer {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(host, "host");
        password = List.copyOf(password);
        Objects.requireNonNull(pinCode, "pinCode");
    }

    /** {@code venue@host:port}: how logs, health details and metrics name this server. */
    public String name() {
        return venueId + "@" + address();
    }

    /** {@code host:port}, IPv6 literals in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "DecoderServer[" + name() + ", productId=" + productId + ", password=<secret>, pinCode="
                + (pinCode.isPresent() ? "<secret>" : "none") + "]";
    }
}
