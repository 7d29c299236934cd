package io.pitwall.simulator.lapsnapper;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Start-time settings of a {@link LapSnapperSimulator}. Defaults follow the API document and its recorded trace:
 * port 9001, product id 60 and decoder info {@code 1/510/2/10022/1/1} as the trace's server sends, server version
 * 520000, password {@code [1,2,3,4]}, PIN "1234", heartbeats every 2 s. Runtime faults are in
 * {@link LapSnapperFaults}.
 *
 * @param bindAddress        address to listen on (loopback by default)
 * @param port               0 picks a free port
 * @param productId          {@code lapSnapperProductID} in the server's messages
 * @param serverVersion      the version the server is; a handshake asking for another gets 6002
 * @param password           the handshake password array
 * @param pinCode            the remote-control PIN
 * @param heartbeatInterval  time between 6003 heartbeats
 * @param decoderClockOffset decoder clock minus wall clock, reported by 6101 Decoder Time
 * @param decoder            the decoder described in 6001
 * @param wrongPassword      what a wrong handshake password gets
 * @param wrongPin           what a remote-control message with a wrong PIN gets
 * @param sentEventBuffer    how many sent time events to keep for re-sending and inspection
 */
public record LapSnapperSimulatorConfig(String bindAddress, int port, int productId, int serverVersion,
                                        List<Integer> password, String pinCode, Duration heartbeatInterval,
                                        Duration decoderClockOffset, Decoder decoder,
                                        WrongPasswordBehaviour wrongPassword, WrongPinBehaviour wrongPin,
                                        int sentEventBuffer) {

    public static final int DEFAULT_PORT = 9001;

    /** The decoder fields of 6001 "Server Information". */
    public record Decoder(int productId, int versionNumber, int deviceType, int deviceId, int decoderMode,
                          int decoderStatus) {
    }

    /** API 5.1 allows both: a 6002 reply (the client may try again) or an immediate disconnect. */
    public enum WrongPasswordBehaviour { REPLY_FAILED, DISCONNECT }

    /** API FAQ 9: a wrong PIN is rejected, "in some cases" by disconnecting the client. */
    public enum WrongPinBehaviour { IGNORE, DISCONNECT }

    public LapSnapperSimulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        password = List.copyOf(password);
        Objects.requireNonNull(pinCode, "pinCode");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive");
        }
        Objects.requireNonNull(decoderClockOffset, "decoderClockOffset");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(wrongPassword, "wrongPassword");
        Objects.requireNonNull(wrongPin, "wrongPin");
        if (sentEventBuffer < 0) {
            throw new IllegalArgumentException("sentEventBuffer must not be negative");
        }
    }

    public static LapSnapperSimulatorConfig defaults() {
        return new LapSnapperSimulatorConfig("127.0.0.1", DEFAULT_PORT, 60, 520_000, List.of(1, 2, 3, 4), "1234",
                Duration.ofSeconds(2), Duration.ZERO, new Decoder(1, 510, 2, 10022, 1, 1),
                WrongPasswordBehaviour.REPLY_FAILED, WrongPinBehaviour.IGNORE, 10_000);
    }

    public LapSnapperSimulatorConfig withBindAddress(String value) {
        return new LapSnapperSimulatorConfig(value, port, productId, serverVersion, password, pinCode,
                heartbeatInterval, decoderClockOffset, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withPort(int value) {
        return new LapSnapperSimulatorConfig(bindAddress, value, productId, serverVersion, password, pinCode,
                heartbeatInterval, decoderClockOffset, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withPassword(List<Integer> value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, value, pinCode,
                heartbeatInterval, decoderClockOffset, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withPinCode(String value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, password, value,
                heartbeatInterval, decoderClockOffset, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withHeartbeatInterval(Duration value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, password, pinCode,
                value, decoderClockOffset, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withDecoderClockOffset(Duration value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, password, pinCode,
                heartbeatInterval, value, decoder, wrongPassword, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withWrongPassword(WrongPasswordBehaviour value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, password, pinCode,
                heartbeatInterval, decoderClockOffset, decoder, value, wrongPin, sentEventBuffer);
    }

    public LapSnapperSimulatorConfig withWrongPin(WrongPinBehaviour value) {
        return new LapSnapperSimulatorConfig(bindAddress, port, productId, serverVersion, password, pinCode,
                heartbeatInterval, decoderClockOffset, decoder, wrongPassword, value, sentEventBuffer);
    }

    @Override
    public String toString() {
        return "LapSnapperSimulatorConfig[bind=" + bindAddress + ":" + port + ", productId=" + productId
                + ", serverVersion=" + serverVersion + ", password=<redacted>, pinCode=<redacted>, heartbeat="
                + heartbeatInterval + ", clockOffset=" + decoderClockOffset + ", decoder=" + decoder
                + ", wrongPassword=" + wrongPassword + ", wrongPin=" + wrongPin + "]";
    }
}
