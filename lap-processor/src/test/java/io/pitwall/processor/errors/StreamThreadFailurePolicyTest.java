package io.pitwall.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.schemas.registry.RegistryAuthException;
import io.pitwall.schemas.registry.RegistryErrorContext;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(Duration.ofMillis(1),
            Duration.ofMillis(8), Duration.ofMinutes(5), clock::get);

    @Test
    void shouldReplaceTheThreadWhenTheRegistryOrKafkaIsBrieflyUnavailable() {
        StreamsException registryDown = new StreamsException("Deserialization exception handler is set to fail",
                new RegistryUnavailableException("No schema registry URL answered",
                        RegistryErrorContext.noResponse("http://registry:8081", null), new ConnectException()));

        assertThat(policy.handle(registryDown)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(new StreamsException(new TimeoutException("task timed out"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutDownOnAnythingElseSoThatTheFailureIsVisible() {
        assertThat(policy.handle(new StreamsException(new IllegalStateException("bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.handle(new StreamsException(new RegistryAuthException("Credentials rejected",
                new RegistryErrorContext("http://registry:8081", null, 401, 401, null)))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldBackOffExponentiallyUpToTheMaximumAndStartOverAfterAQuietSpell() {
        assertThat(policy.nextDelay()).isEqualTo(1);
        assertThat(policy.nextDelay()).isEqualTo(2);
        assertThat(policy.nextDelay()).isEqualTo(4);
        assertThat(policy.nextDelay()).isEqualTo(8);
        assertThat(policy.nextDelay()).isEqualTo(8);

        clock.addAndGet(Duration.ofMinutes(6).toMillis());
        assertThat(policy.nextDelay()).isEqualTo(1);
    }
}
