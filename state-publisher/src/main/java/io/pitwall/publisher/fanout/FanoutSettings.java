package io.pitwall.publisher.fanout;

import java.time.Duration;

/**
 * Timing rules every subscriber follows.
 *
 * @param keepaliveInterval how long a subscriber may go without a write before it gets a keepalive
 * @param slowClientTimeout how long a subscriber may keep its socket full before it is disconnected
 */
public record FanoutSettings(Duration keepaliveInterval, Duration slowClientTimeout) {
}
