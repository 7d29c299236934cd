package io.pitwall.simulator.ctp01;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated ChronoTrack client reaches its server and presents itself.
 *
 * @param program        first field of the greeting ({@code SimpleClient} on real boxes)
 * @param fractionDigits digits after the seconds in tag event times; real boxes write hundredths
 * @param reconnectDelay wait before reconnecting after a connection ends; null to not reconnect
 */
public record ClientConfig(String host, int port, String program, String version, String userId, String password,
                           int fractionDigits, Duration reconnectDelay) {

    public static final int DEFAULT_PORT = 61611;

    public ClientConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        if (program.contains("~") || version.contains("~") || userId.contains("~")) {
            throw new IllegalArgumentException("program, version and user id must not contain '~'");
        }
        if (fractionDigits < 0 || fractionDigits > 9) {
            throw new IllegalArgumentException("fractionDigits must be 0..9: " + fractionDigits);
        }
    }

    public static ClientConfig of(String host, int port) {
        return new ClientConfig(host, port, "SimpleClient", "0.5.0", "pitwall", "", 2, Duration.ofSeconds(1));
    }

    public ClientConfig withCredentials(String newUserId, String newPassword) {
        return new ClientConfig(host, port, program, version, newUserId, newPassword, fractionDigits, reconnectDelay);
    }

    public ClientConfig withFractionDigits(int digits) {
        return new ClientConfig(host, port, program, version, userId, password, digits, reconnectDelay);
    }

    public ClientConfig withReconnectDelay(Duration delay) {
        return new ClientConfig(host, port, program, version, userId, password, fractionDigits, delay);
    }
}
