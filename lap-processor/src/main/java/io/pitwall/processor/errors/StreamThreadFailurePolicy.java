package io.pitwall.processor.errors;

import io.pitwall.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies.
 *
 * <ul>
 *   <li>A passing problem (the schema registry unreachable, a retriable Kafka error that outlived Kafka
 *       Streams' own retries): the thread is replaced after a backoff (1 s doubling to 30 s, reset after
 *       5 quiet minutes) and processing resumes from the last commit. Under exactly-once nothing is lost or
 *       doubled. A registry outage on race day costs a delay, never a restart of the process.</li>
 *   <li>Anything else (a bug, a misconfiguration, the registry refusing our credentials): the Kafka Streams
 *       client shuts down, goes to ERROR, liveness turns DOWN and the process exits with status 1, so the
 *       orchestrator restarts it with its own backoff and the failure is visible. Replacing the thread would
 *       loop on the same record silently.</li>
 * </ul>
 *
 * The backoff sleeps on the dying stream thread, which holds no work any more; {@link #close()} cuts it short.
 */
public final class StreamThreadFailurePolicy implements StreamsUncaughtExceptionHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailurePolicy.class);
    private static final int MAX_DEPTH = 16;

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration resetAfter;
    private final LongSupplier clock;
    private final CountDownLatch closed = new CountDownLatch(1);
    private long lastFailureMillis = Long.MIN_VALUE;
    private long nextBackoffMillis;

    public StreamThreadFailurePolicy() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), System::currentTimeMillis);
    }

    StreamThreadFailurePolicy(Duration initialBackoff, Duration maxBackoff, Duration resetAfter, LongSupplier clock) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.resetAfter = resetAfter;
        this.clock = clock;
        this.nextBackoffMillis = initialBackoff.toMillis();
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (!isTransient(exception)) {
            LOG.error("Stream thread failed; shutting the lap processor down (exit status 1)", exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long delay = nextDelay();
        LOG.warn("Stream thread failed on a passing problem; replacing it in {} ms and resuming from the last commit: {}",
                delay, DeadLetterRecord.reason(exception));
        try {
            closed.await(delay, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Ends any backoff in progress (the service is shutting down). */
    @Override
    public void close() {
        closed.countDown();
    }

    synchronized long nextDelay() {
        long now = clock.getAsLong();
        if (lastFailureMillis != Long.MIN_VALUE && now - lastFailureMillis > resetAfter.toMillis()) {
            nextBackoffMillis = initialBackoff.toMillis();
        }
        lastFailureMillis = now;
        long delay = nextBackoffMillis;
        nextBackoffMillis = Math.min(maxBackoff.toMillis(), nextBackoffMillis * 2);
        return delay;
    }

    /** A failure that retrying the same work later can cure. */
    static boolean isTransient(Throwable exception) {
        Throwable t = exception;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return registry.isRetriable();
            }
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
