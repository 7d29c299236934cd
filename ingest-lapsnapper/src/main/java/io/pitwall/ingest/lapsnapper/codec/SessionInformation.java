package io.pitwall.ingest.lapsnapper.codec;

import java.util.List;
import java.util.Objects;

/**
 * 6404 "Session Information" (remote control): session name and entry list. On the wire the fields sit in a
 * nested {@code sessionInformation} object. The document prints {@code driverInformation} as an object wrapping
 * an unnamed array, which is not JSON; Pitwall reads and writes it as a plain array of driver objects.
 */
public record SessionInformation(MessageHeader header, String pinCode, String sessionName,
                                 boolean allTranspondersActive, List<DriverInformation> driverInformation)
        implements LapSnapperMessage {

    public SessionInformation {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pinCode, "pinCode");
        Objects.requireNonNull(sessionName, "sessionName");
        driverInformation = List.copyOf(driverInformation);
    }

    @Override
    public MessageId id() {
        return MessageId.SESSION_INFORMATION;
    }

    @Override
    public String toString() {
        return "SessionInformation[header=" + header + ", pinCode=" + Redaction.PIN + ", sessionName=" + sessionName
                + ", allTranspondersActive=" + allTranspondersActive + ", driverInformation=" + driverInformation
                + "]";
    }
}
