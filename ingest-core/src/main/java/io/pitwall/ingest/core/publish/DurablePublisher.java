package io.pitwall.ingest.core.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitwall.ingest.core.backoff.ReconnectBackoff;
import io.pitwall.ingest.core.health.CheckResult;
import io.pitwall.ingest.core.health.HealthCheck;
import io.pitwall.ingest.core.metrics.IngestMetrics;
import io.pitwall.ingest.core.metrics.MetricNames;
import io.pitwall.ingest.core.publish.PublishException.Reason;
import io.pitwall.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ingest events to Kafka and tells the caller when — and only when — Kafka has made them
 * durable. One instance per process, shared by every venue and connection.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #publish} never blocks and may be called from any thread, including a Netty event loop.
 *       The returned stage completes normally only after Kafka acknowledged the record with
 *       {@code acks=all} on an idempotent producer. Only then may the ingest confirm the record to
 *       the hardware. It completes exceptionally with a {@link PublishException} when the record will
 *       not be written; the ingest must then not confirm (the hardware re-sends).</li>
 *   <li>While Kafka is unreachable records are held and retried without time limit (nothing
 *       acknowledged is ever lost; nothing is silently dropped) and their stages stay incomplete.</li>
 *   <li>Outstanding records are bounded ({@code maxBufferedRecords}). At three quarters of the bound
 *       the publisher turns not writable and tells its {@link BackPressureListener}s so the ingest
 *       stops reading from the hardware; at half it turns writable again. At the bound itself
 *       {@code publish} fails at once with {@link Reason#BUFFER_FULL} instead of blocking the caller or
 *       growing without limit; the quarter in between is headroom for records already decoded when
 *       reading stopped.</li>
 *   <li>Values are serialized on the publisher's own thread, in publish order, never on the caller's
 *       thread (a schema-registry lookup must not stall an event loop). A serialization failure that
 *       looks transient (registry unreachable, see {@link TransientFailures}) is retried with backoff
 *       until it succeeds, holding the records behind it; any other serialization failure fails that
 *       record's stage with {@link Reason#SERIALIZATION}.</li>
 *   <li>Stages complete, and listeners are called, on a single publisher callback thread, in
 *       acknowledgement order. Dependent actions must be quick; hop to the channel's event loop to
 *       write to the hardware.</li>
 *   <li>Every topic is provisioned (or, with {@code createTopics(false)}, checked) and has partition
 *       leaders before the first send — Kafka 4.3.1 can drop the first batch after topic creation
 *       (KAFKA-15591). {@link #start()} blocks until then, retrying while Kafka is unreachable.</li>
 * </ul>
 *
 * @param <V> the value type, serialized by the serializer given to the builder
 */
public final class DurablePublisher<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurablePublisher.class);
    private static final Duration DEFAULT_TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, STARTING, RUNNING, CLOSING, CLOSED }

    private final Serializer<V> serializer;
    private final Map<String, TopicSpec> topics;
    private final Map<String, Object> producerProperties;
    private final TopicPreparer topicPreparer;
    private final Function<Map<String, Object>, Producer<String, byte[]>> producerFactory;
    private final OutstandingRecords outstanding;
    private final IngestMetrics metrics;
    private final BooleanSupplier kafkaProbe;
    private final Predicate<Throwable> transientSerialization;
    private final Supplier<ReconnectBackoff> retryBackoff;
    private final Duration stallThreshold;
    private final Function<? super V, String> venueOf;

    private final LinkedBlockingDeque<PendingRecord<V>> queue = new LinkedBlockingDeque<>();
    /** Handed to the producer and not yet settled; whatever is left here after close is failed. */
    private final Set<PendingRecord<V>> inFlight = ConcurrentHashMap.newKeySet();
    private final List<BackPressureListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService callbacks;
    private final ScheduledExecutorService watchdogTimer;
    private final OutageWatchdog watchdog;
    private final Thread sender;
    private final LogThrottle bufferFullLog = new LogThrottle(Duration.ofSeconds(10));
    private final LogThrottle failureLog = new LogThrottle(Duration.ofSeconds(10));
    private final AtomicInteger failedOnClose = new AtomicInteger();

    private volatile State state = State.NEW;
    private volatile Producer<String, byte[]> producer;
    private volatile long closeDeadlineNanos = Long.MAX_VALUE;
    private volatile long serializationStalledSince;
    private volatile String lastSerializationError = "";
    /** Only read and written on the callback thread. */
    private boolean lastNotifiedWritable = true;

    private DurablePublisher(Builder<V> b) {
        this.serializer = b.serializer;
        this.topics = b.topics;
        this.producerProperties = ProducerSettings.producer(b.clientProperties, b.clientId, b.compression, b.linger);
        this.topicPreparer = b.topicPreparer != null ? b.topicPreparer
                : new ProvisioningTopicPreparer(ProducerSettings.admin(b.clientProperties, b.clientId + "-admin"),
                        b.createTopics, b.replicationFactor, DEFAULT_TOPIC_TIMEOUT);
        this.producerFactory = b.producerFactory;
        this.outstanding = OutstandingRecords.forLimit(b.maxBufferedRecords);
        this.metrics = b.metrics != null ? b.metrics : new IngestMetrics(new SimpleMeterRegistry(), "unknown");
        this.kafkaProbe = b.kafkaProbe;
        this.transientSerialization = b.transientSerialization;
        this.retryBackoff = b.retryBackoff;
        this.stallThreshold = b.stallThreshold;
        this.venueOf = b.venueOf;
        this.callbacks = Executors.newSingleThreadExecutor(daemon("pitwall-publish-callbacks"));
        this.watchdogTimer = Executors.newSingleThreadScheduledExecutor(daemon("pitwall-publish-watchdog"));
        this.watchdog = new OutageWatchdog(new WatchdogSignals(), b.stallThreshold, b.outageLogInterval, System.nanoTime());
        this.sender = daemon("pitwall-publish-sender").newThread(this::runSender);
        registerGauges();
    }

    /**
     * Starts building a publisher.
     *
     * @param valueSerializer configured serializer of the values; the publisher owns it from now on,
     *                        calls it from one thread only and closes it on {@link #close()}
     */
    public static <V> Builder<V> builder(Serializer<V> valueSerializer) {
        return new Builder<>(valueSerializer);
    }

    /**
     * Prepares the topics (retrying while Kafka is unreachable), creates the producer and starts the
     * publisher's threads. Blocks until publishing is possible or the publisher is closed.
     *
     * @throws IllegalStateException if already started, or closed while starting
     */
    public void start() {
        stateLock.writeLock().lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("Publisher already started (state " + state + ")");
            }
            state = State.STARTING;
        } finally {
            stateLock.writeLock().unlock();
        }
        try {
            topicPreparer.prepare(topics.values(), closing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topics", e);
        }
        stateLock.writeLock().lock();
        try {
            if (state != State.STARTING) {
                throw new IllegalStateException("Publisher closed while starting");
            }
            producer = producerFactory.apply(producerProperties);
            // RUNNING before the sender starts: it exits as soon as it sees any other state with nothing queued
            state = State.RUNNING;
            sender.start();
            long tick = Math.max(50, Math.min(1000, stallThreshold.toMillis() / 2));
            watchdogTimer.scheduleAtFixedRate(this::tickWatchdog, tick, tick, TimeUnit.MILLISECONDS);
        } finally {
            stateLock.writeLock().unlock();
        }
        LOG.info("Publisher ready: topics {}, at most {} buffered records (pause hardware reads at {}, resume at {}), "
                + "compression {}, kafka {}", topics.keySet(), outstanding.limit(), outstanding.highWater(),
                outstanding.lowWater(), producerProperties.get(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                producerProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /**
     * Publishes {@code value} keyed by {@code venueId} to {@code topic}. Never blocks.
     *
     * @return completes with the record's metadata once Kafka acknowledged it; fails with a
     *         {@link PublishException} when it will not be written (see the class contract)
     */
    public CompletionStage<RecordMetadata> publish(TopicSpec topic, String venueId, V value) {
        if (topic == null || !topics.containsKey(topic.name())) {
            return rejected(venueId, Reason.INVALID, "Topic " + (topic == null ? null : topic.name())
                    + " is not one of this publisher's topics " + topics.keySet()
                    + "; add it to the builder so it is provisioned before the first send");
        }
        if (venueId == null || venueId.isBlank()) {
            return rejected(venueId, Reason.INVALID, "Every event needs a venue id (the record key); got '" + venueId + "'");
        }
        if (value == null) {
            return rejected(venueId, Reason.INVALID, "Value is null (venue " + venueId + ", topic " + topic.name() + ")");
        }
        String eventVenue = venueOf == null ? null : venueOf.apply(value);
        if (eventVenue != null && !eventVenue.equals(venueId)) {
            // the key decides the partition, the field is what consumers read: they must agree
            return rejected(venueId, Reason.INVALID, "Event says venue '" + eventVenue + "' but is keyed by venue '"
                    + venueId + "' (topic " + topic.name() + ")");
        }
        stateLock.readLock().lock();
        try {
            if (state != State.RUNNING) {
                Reason reason = state == State.NEW || state == State.STARTING ? Reason.INVALID : Reason.CLOSED;
                return rejected(venueId, reason, "Publisher is " + state.name().toLowerCase() + ", not accepting records");
            }
            OutstandingRecords.Acquire acquired = outstanding.tryAcquire();
            if (acquired == OutstandingRecords.Acquire.REJECTED) {
                long suppressed = bufferFullLog.occurrence(System.nanoTime());
                if (suppressed >= 0) {
                    LOG.warn("Publisher full: {} records not yet acknowledged by Kafka; rejecting new records{}. "
                            + "They are not confirmed, so the hardware must resend them. "
                            + "An ingest should pause reading on back-pressure long before this.",
                            outstanding.count(), more(suppressed));
                }
                return rejected(venueId, Reason.BUFFER_FULL, "Publisher holds its maximum of " + outstanding.limit()
                        + " unacknowledged records (is Kafka down and the ingest ignoring back-pressure?)");
            }
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            queue.addLast(new PendingRecord<>(topic, venueId, value, future, System.nanoTime()));
            if (acquired == OutstandingRecords.Acquire.ACCEPTED_NOW_UNWRITABLE) {
                scheduleWritabilityNotification();
            }
            // callers get a view they cannot complete themselves
            return future.minimalCompletionStage();
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /** Whether hardware input should flow; false while the publisher holds too many unacknowledged records. */
    public boolean isWritable() {
        return outstanding.isWritable();
    }

    /**
     * Registers a listener for writability changes. It is not called for the current state: read
     * {@link #isWritable()} after registering.
     */
    public void addBackPressureListener(BackPressureListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeBackPressureListener(BackPressureListener listener) {
        listeners.remove(listener);
    }

    /** Records accepted and not yet acknowledged or failed. */
    public int bufferedRecords() {
        return outstanding.count();
    }

    /** The configured bound of {@link #bufferedRecords()}. */
    public int maxBufferedRecords() {
        return outstanding.limit();
    }

    /** True while Kafka is considered unreachable (records held without acknowledgement, or the probe failing). */
    public boolean isKafkaUnreachable() {
        return watchdog.kafkaUnreachable();
    }

    /** True while serialization is being retried because the schema registry does not answer. */
    public boolean isSchemaRegistryUnreachable() {
        return watchdog.registryUnreachable();
    }

    /**
     * Liveness: the publisher's threads are alive and its watchdog ticks. Kafka being down does
     * <em>not</em> make this fail — restarting would only lose the held records.
     */
    public HealthCheck livenessCheck() {
        return () -> {
            State s = state;
            if (s != State.RUNNING) {
                return s == State.NEW || s == State.STARTING
                        ? CheckResult.up("starting") : CheckResult.up(s.name().toLowerCase());
            }
            if (!sender.isAlive()) {
                return CheckResult.down("publisher sender thread died");
            }
            long sinceTick = System.nanoTime() - watchdog.lastTickNanos();
            if (sinceTick > TimeUnit.SECONDS.toNanos(30)) {
                return CheckResult.down("publisher watchdog has not run for " + TimeUnit.NANOSECONDS.toSeconds(sinceTick) + "s");
            }
            return CheckResult.up("sender alive, " + outstanding.count() + " records buffered");
        };
    }

    /** Readiness: started, and neither Kafka nor the schema registry is in an outage. */
    public HealthCheck readinessCheck() {
        return () -> {
            if (state != State.RUNNING) {
                return CheckResult.down("publisher " + state.name().toLowerCase());
            }
            return switch (watchdog.outage()) {
                case NONE -> CheckResult.up(outstanding.count() + " records buffered, writable=" + outstanding.isWritable());
                case KAFKA -> CheckResult.down("Kafka unreachable, holding " + outstanding.count() + " records");
                case SCHEMA_REGISTRY -> CheckResult.down("schema registry unreachable (" + lastSerializationError
                        + "), holding " + outstanding.count() + " records");
            };
        };
    }

    /** Closes with up to 30 s to deliver what is held. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops accepting records, sends everything accepted, and waits up to {@code timeout} for Kafka to
     * acknowledge it. Records not acknowledged by then fail with {@link Reason#CLOSED} (and so are not
     * confirmed). Idempotent.
     */
    public void close(Duration timeout) {
        State before;
        stateLock.writeLock().lock();
        try {
            before = state;
            if (before == State.CLOSING || before == State.CLOSED) {
                return;
            }
            state = State.CLOSING;
            closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        } finally {
            stateLock.writeLock().unlock();
        }
        closing.countDown();
        int held = outstanding.count();
        if (held > 0) {
            LOG.info("Closing publisher: {} records not yet acknowledged, waiting up to {}s for Kafka",
                    held, timeout.toSeconds());
        }
        try {
            if (before == State.RUNNING) {
                joinSender();
            }
            failQueued("Publisher closed before the record was sent");
            Producer<String, byte[]> p = producer;
            if (p != null) {
                try {
                    p.close(remaining());
                } catch (RuntimeException e) {
                    LOG.warn("Closing the Kafka producer failed", e);
                }
            }
            callbacks.shutdown();
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Publisher callbacks still running after close");
            }
            // a producer that gave up without calling back must not leave a caller waiting forever
            for (PendingRecord<V> record : List.copyOf(inFlight)) {
                settleFailed(record, Reason.CLOSED, "Publisher closed before Kafka acknowledged the record", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdogTimer.shutdownNow();
            try {
                serializer.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the serializer failed", e);
            }
            state = State.CLOSED;
        }
        int failed = failedOnClose.get();
        if (failed > 0) {
            LOG.warn("Publisher closed: {} records were not acknowledged by Kafka in time and failed (not confirmed)", failed);
        } else {
            LOG.info("Publisher closed; everything accepted was acknowledged by Kafka or failed explicitly");
        }
    }

    // ---------------------------------------------------------------- sender thread

    private void runSender() {
        while (true) {
            PendingRecord<V> record;
            try {
                if (state != State.RUNNING && queue.isEmpty()) {
                    return;
                }
                record = queue.pollFirst(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (record == null) {
                continue;
            }
            if (closeDeadlinePassed()) {
                settleFailed(record, Reason.CLOSED, "Publisher closed before the record was sent", null);
                continue;
            }
            try {
                if (record.bytes != null || serialize(record)) {
                    send(record);
                }
            } catch (RuntimeException e) {
                // keep going: this is the only thread that sends (an Error ends it, and liveness reports that)
                LOG.error("Unexpected failure publishing a record of venue {} to {}", record.venue, record.topic.name(), e);
                settleFailed(record, Reason.KAFKA, "Unexpected failure publishing: " + e, e);
            }
        }
    }

    /** Serializes with retries while the failure looks transient; false if the record was failed instead. */
    private boolean serialize(PendingRecord<V> record) {
        ReconnectBackoff backoff = null;
        while (true) {
            try {
                RecordHeaders headers = new RecordHeaders();
                byte[] bytes = serializer.serialize(record.topic.name(), headers, record.value);
                if (bytes == null) {
                    throw new IllegalStateException("serializer returned null, which Kafka would store as a deletion");
                }
                record.bytes = bytes;
                record.headers = headers;
                serializationStalledSince = 0;
                return true;
            } catch (RuntimeException e) {
                if (!transientSerialization.test(e)) {
                    serializationStalledSince = 0;
                    settleFailed(record, Reason.SERIALIZATION, "Cannot serialize " + record.value.getClass().getSimpleName()
                            + " for venue " + record.venue + " on " + record.topic.name() + ": " + describe(e), e);
                    return false;
                }
                if (serializationStalledSince == 0) {
                    serializationStalledSince = System.nanoTime();
                    LOG.warn("Serialization for {} failed transiently ({}); retrying with backoff, records wait in order",
                            record.topic.name(), describe(e));
                }
                lastSerializationError = describe(e);
                metrics.serializationRetry();
                if (backoff == null) {
                    backoff = retryBackoff.get();
                }
                if (closeDeadlinePassed() || !sleepUnlessClosingPastDeadline(backoff.nextDelay())) {
                    serializationStalledSince = 0;
                    settleFailed(record, Reason.CLOSED,
                            "Publisher closed while the record could not be serialized: " + describe(e), e);
                    return false;
                }
            }
        }
    }

    private void send(PendingRecord<V> record) {
        ProducerRecord<String, byte[]> kafkaRecord =
                new ProducerRecord<>(record.topic.name(), null, record.venue, record.bytes, record.headers);
        inFlight.add(record);
        try {
            producer.send(kafkaRecord, (metadata, exception) -> onCallbackThread(() -> settle(record, metadata, exception)));
        } catch (InterruptException e) {
            settleFailed(record, Reason.CLOSED, "Interrupted while handing the record to Kafka", e);
        } catch (KafkaException | IllegalStateException e) {
            // the producer is closed or in a fatal state: this record cannot be written by it
            settleFailed(record, state == State.RUNNING ? Reason.KAFKA : Reason.CLOSED,
                    "Kafka producer refused the record: " + describe(e), e);
        }
    }

    // ---------------------------------------------------------------- callback thread

    private void settle(PendingRecord<V> record, RecordMetadata metadata, Exception exception) {
        inFlight.remove(record);
        if (exception == null) {
            if (!record.settled.compareAndSet(false, true)) {
                return;
            }
            boolean nowWritable = outstanding.release();
            metrics.published(record.venue, record.topic.name());
            metrics.confirmLatency(record.venue, System.nanoTime() - record.acceptedNanos);
            record.future.complete(metadata);
            if (nowWritable) {
                deliverWritability();
            }
            return;
        }
        if (exception instanceof RetriableException && requeue(record)) {
            // Only a send-time timeout gets here (the delivery timeout is unbounded): metadata could not be
            // fetched within max.block.ms while Kafka was down. The record never entered the producer's
            // buffer, so sending it again cannot duplicate it.
            LOG.warn("Kafka did not take a record of venue {} for {} ({}); sending it again",
                    record.venue, record.topic.name(), describe(exception));
            return;
        }
        Reason reason = state == State.RUNNING ? Reason.KAFKA : Reason.CLOSED;
        settleFailed(record, reason, "Kafka did not acknowledge the record of venue " + record.venue + " on "
                + record.topic.name() + ": " + describe(exception), exception);
    }

    private boolean requeue(PendingRecord<V> record) {
        stateLock.readLock().lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            queue.addFirst(record);
            return true;
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /** Fails an accepted record: it leaves the buffer, is counted and logged, and its stage fails. */
    private void settleFailed(PendingRecord<V> record, Reason reason, String message, Throwable cause) {
        inFlight.remove(record);
        if (!record.settled.compareAndSet(false, true)) {
            return;
        }
        boolean nowWritable = outstanding.release();
        metrics.publishFailure(record.venue, reason.metricTag());
        if (reason == Reason.CLOSED) {
            failedOnClose.incrementAndGet();
        }
        long suppressed = failureLog.occurrence(System.nanoTime());
        if (suppressed >= 0 && reason != Reason.CLOSED) {
            LOG.warn("Not confirmed: {}{}", message, more(suppressed));
        }
        record.future.completeExceptionally(new PublishException(reason, message, cause));
        if (nowWritable) {
            scheduleWritabilityNotification();
        }
    }

    private CompletionStage<RecordMetadata> rejected(String venueId, Reason reason, String message) {
        metrics.publishFailure(venueId, reason.metricTag());
        return CompletableFuture.<RecordMetadata>failedFuture(new PublishException(reason, message))
                .minimalCompletionStage();
    }

    private void scheduleWritabilityNotification() {
        onCallbackThread(this::deliverWritability);
    }

    /**
     * Tells listeners the current writability if it differs from what they were last told. Reading the
     * state here, on the one callback thread, rather than passing it along from the transition keeps
     * notifications in order even when transitions race on different threads.
     */
    private void deliverWritability() {
        boolean writable = outstanding.isWritable();
        if (writable == lastNotifiedWritable) {
            return;
        }
        lastNotifiedWritable = writable;
        if (writable) {
            LOG.info("Publisher writable again ({} records buffered): hardware reads resume", outstanding.count());
        } else {
            LOG.warn("Publisher not writable: {} records not yet acknowledged by Kafka (pause at {}, resume at {}): "
                    + "pausing hardware reads", outstanding.count(), outstanding.highWater(), outstanding.lowWater());
        }
        for (BackPressureListener listener : listeners) {
            try {
                listener.onWritabilityChanged(writable);
            } catch (RuntimeException e) {
                LOG.warn("Back-pressure listener {} failed", listener, e);
            }
        }
    }

    private void onCallbackThread(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException e) {
            // only after close: run inline so no stage is left incomplete
            task.run();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void tickWatchdog() {
        try {
            watchdog.tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("Publisher watchdog failed", e);
        }
    }

    private void registerGauges() {
        var registry = metrics.registry();
        String source = metrics.source();
        Gauge.builder(MetricNames.BUFFERED_RECORDS, outstanding, OutstandingRecords::count)
                .description("Records accepted and not yet acknowledged by Kafka")
                .tag(MetricNames.TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.PUBLISH_WRITABLE, outstanding, o -> o.isWritable() ? 1 : 0)
                .description("1 while the publisher accepts records without back-pressure, 0 while hardware reads should pause")
                .tag(MetricNames.TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.KAFKA_UNREACHABLE, watchdog, w -> w.kafkaUnreachable() ? 1 : 0)
                .description("1 while Kafka is unreachable and records are held unconfirmed")
                .tag(MetricNames.TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.KAFKA_UNREACHABLE_DURATION, watchdog, w -> w.kafkaOutageSeconds(System.nanoTime()))
                .description("How long the current Kafka outage has lasted")
                .baseUnit("seconds")
                .tag(MetricNames.TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.SCHEMA_REGISTRY_UNREACHABLE, watchdog, w -> w.registryUnreachable() ? 1 : 0)
                .description("1 while serialization is retrying because the schema registry does not answer")
                .tag(MetricNames.TAG_SOURCE, source).register(registry);
    }

    private void joinSender() throws InterruptedException {
        sender.join(Math.max(1, remaining().toMillis()));
        if (sender.isAlive()) {
            sender.interrupt();
            sender.join(1000);
        }
    }

    private void failQueued(String message) {
        PendingRecord<V> record;
        while ((record = queue.pollFirst()) != null) {
            settleFailed(record, Reason.CLOSED, message, null);
        }
    }

    private boolean closeDeadlinePassed() {
        return state != State.RUNNING && System.nanoTime() - closeDeadlineNanos >= 0;
    }

    /** Sleeps for {@code delay}, cut short by close; false if interrupted. */
    private boolean sleepUnlessClosingPastDeadline(Duration delay) {
        try {
            long nanos = Math.min(delay.toNanos(), Math.max(0, closeDeadlineNanos - System.nanoTime()));
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime()));
    }

    private static String more(long suppressed) {
        return suppressed > 0 ? " (+" + suppressed + " more since the last line)" : "";
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            sb.append(" (caused by ").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One accepted record on its way to Kafka. Fields written by the sender thread before the send. */
    private static final class PendingRecord<V> {
        final TopicSpec topic;
        final String venue;
        final V value;
        final CompletableFuture<RecordMetadata> future;
        final long acceptedNanos;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile byte[] bytes;
        volatile RecordHeaders headers;

        PendingRecord(TopicSpec topic, String venue, V value, CompletableFuture<RecordMetadata> future, long acceptedNanos) {
            this.topic = topic;
            this.venue = venue;
            this.value = value;
            this.future = future;
            this.acceptedNanos = acceptedNanos;
        }
    }

    private final class WatchdogSignals implements OutageWatchdog.Signals {
        @Override
        public int heldRecords() {
            return outstanding.count();
        }

        @Override
        public long lastProgressNanos() {
            return outstanding.lastProgressNanos();
        }

        @Override
        public long serializationStalledSinceNanos() {
            return serializationStalledSince;
        }

        @Override
        public String lastSerializationError() {
            return lastSerializationError;
        }

        @Override
        public boolean probeSaysReachable() {
            return kafkaProbe.getAsBoolean();
        }

        @Override
        public boolean writable() {
            return outstanding.isWritable();
        }
    }

    /** Prepares topics before the first send; {@code closing} is released when the publisher closes. */
    @FunctionalInterface
    interface TopicPreparer {
        void prepare(Collection<TopicSpec> topics, CountDownLatch closing) throws InterruptedException;
    }

    /** Builds a {@link DurablePublisher}. */
    public static final class Builder<V> {
        private final Serializer<V> serializer;
        private final Map<String, TopicSpec> topics = new LinkedHashMap<>();
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private String clientId = "pitwall-ingest";
        private String compression = "lz4";
        private Duration linger = Duration.ofMillis(5);
        private boolean createTopics = true;
        private short replicationFactor = -1;
        private int maxBufferedRecords = 10_000;
        private Duration stallThreshold = Duration.ofSeconds(5);
        private Duration outageLogInterval = Duration.ofSeconds(10);
        private IngestMetrics metrics;
        private BooleanSupplier kafkaProbe = () -> true;
        private Predicate<Throwable> transientSerialization = TransientFailures.DEFAULT;
        private Supplier<ReconnectBackoff> retryBackoff =
                () -> ReconnectBackoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
        private Function<Map<String, Object>, Producer<String, byte[]>> producerFactory = KafkaProducer::new;
        private TopicPreparer topicPreparer;
        private Function<? super V, String> venueOf;

        private Builder(Serializer<V> serializer) {
            this.serializer = Objects.requireNonNull(serializer, "valueSerializer");
        }

        /** Kafka bootstrap servers, {@code host:port[,host:port]}. */
        public Builder<V> bootstrapServers(String servers) {
            clientProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(servers));
            return this;
        }

        /**
         * Further Kafka client properties (security, tuning), used for the producer and, where
         * applicable, the admin client. Properties that would weaken the delivery guarantee are
         * rejected (see {@link ProducerSettings#ENFORCED}).
         */
        public Builder<V> clientProperties(Map<String, ?> properties) {
            clientProperties.putAll(properties);
            return this;
        }

        /** Kafka {@code client.id} (the admin client gets {@code -admin} appended). */
        public Builder<V> clientId(String id) {
            this.clientId = Objects.requireNonNull(id);
            return this;
        }

        /** The topics this publisher writes to; they are provisioned by {@link #start()}. */
        public Builder<V> topics(Collection<TopicSpec> specs) {
            specs.forEach(s -> topics.put(s.name(), s));
            return this;
        }

        public Builder<V> topics(TopicSpec... specs) {
            return topics(List.of(specs));
        }

        /** Create missing topics (default) or only check they exist and have leaders. */
        public Builder<V> createTopics(boolean create) {
            this.createTopics = create;
            return this;
        }

        /** Replication factor for topics this publisher creates; -1 (default) takes the broker's default. */
        public Builder<V> replicationFactor(short factor) {
            if (factor == 0 || factor < -1) {
                throw new IllegalArgumentException("replication factor must be -1 or >= 1, was " + factor);
            }
            this.replicationFactor = factor;
            return this;
        }

        /** {@code lz4} (default), {@code zstd}, {@code gzip}, {@code snappy} or {@code none}. */
        public Builder<V> compression(String type) {
            this.compression = Objects.requireNonNull(type);
            return this;
        }

        /** Kafka {@code linger.ms}: a few milliseconds batch bursts without delaying confirms noticeably. */
        public Builder<V> linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger);
            return this;
        }

        /** Bound of records accepted and not yet acknowledged (default 10,000). */
        public Builder<V> maxBufferedRecords(int max) {
            if (max < 2) {
                throw new IllegalArgumentException("maxBufferedRecords must be at least 2, was " + max);
            }
            this.maxBufferedRecords = max;
            return this;
        }

        /** Records held this long without any acknowledgement mark Kafka unreachable (default 5 s). */
        public Builder<V> stallThreshold(Duration threshold) {
            if (threshold.isNegative() || threshold.isZero()) {
                throw new IllegalArgumentException("stall threshold must be > 0");
            }
            this.stallThreshold = threshold;
            return this;
        }

        /** How often the outage line is repeated while an outage lasts (default 10 s). */
        public Builder<V> outageLogInterval(Duration interval) {
            this.outageLogInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Where to count published events, failures, latency and the publisher gauges. */
        public Builder<V> metrics(IngestMetrics ingestMetrics) {
            this.metrics = Objects.requireNonNull(ingestMetrics);
            return this;
        }

        /** A reachability verdict to include in the outage state, e.g. {@code probe::isReachable}. */
        public Builder<V> kafkaReachability(BooleanSupplier reachable) {
            this.kafkaProbe = Objects.requireNonNull(reachable);
            return this;
        }

        /** Which serialization failures are retried rather than failed (default {@link TransientFailures#DEFAULT}). */
        public Builder<V> transientSerializationFailures(Predicate<Throwable> isTransient) {
            this.transientSerialization = Objects.requireNonNull(isTransient);
            return this;
        }

        /** Backoff between serialization retries (default 200 ms doubling to 10 s, full jitter). */
        public Builder<V> serializationRetryBackoff(Supplier<ReconnectBackoff> backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff);
            return this;
        }

        /**
         * How to read the venue id an event carries; {@code publish} then refuses an event whose venue
         * differs from its key. A function returning {@code null} skips the check for that event.
         */
        public Builder<V> venueOf(Function<? super V, String> venue) {
            this.venueOf = Objects.requireNonNull(venue);
            return this;
        }

        /** For tests: a producer other than a {@link KafkaProducer} (e.g. {@code MockProducer}). */
        Builder<V> producerFactory(Function<Map<String, Object>, Producer<String, byte[]>> factory) {
            this.producerFactory = Objects.requireNonNull(factory);
            return this;
        }

        /** For tests: replace topic provisioning. */
        Builder<V> topicPreparer(TopicPreparer preparer) {
            this.topicPreparer = Objects.requireNonNull(preparer);
            return this;
        }

        public DurablePublisher<V> build() {
            if (topics.isEmpty()) {
                throw new IllegalStateException("A publisher needs at least one topic");
            }
            if (!clientProperties.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalStateException("Kafka bootstrap servers are not set");
            }
            return new DurablePublisher<>(this);
        }
    }
}
