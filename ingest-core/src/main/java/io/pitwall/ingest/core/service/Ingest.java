package io.pitwall.ingest.core.service;

import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.util.List;

/**
 * What an ingest service implements; {@link IngestService} does the rest (configuration, help,
 * logging, metrics, health server, publisher, shutdown).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Confirm a record to the hardware (ChronoCloud {@code bumb-}, CTP01 resume sequence, ...) only
 *       when the stage returned by {@code context.publisher().publish(...)} completes normally; on
 *       failure do not confirm, so the hardware sends it again.</li>
 *   <li>Honour back-pressure: attach every hardware channel to {@code context.autoReadSwitch()} (or
 *       register a {@code BackPressureListener}) so reading stops while the publisher is not
 *       writable.</li>
 *   <li>Key every event by its venue id and put the same id in the event's {@code venueId}.</li>
 *   <li>Count input with {@code context.metrics()}: {@code received}, {@code decodeError},
 *       {@code reconnect}, {@code connectionOpened/Closed}.</li>
 *   <li>Client-type ingests (those that dial the hardware) add {@code BackoffFields.FIELDS} to their
 *       fields, reconnect with {@code context.newReconnectBackoff()}, and register a readiness check
 *       "hardware connected" with {@code context.health()}.</li>
 * </ul>
 */
public interface Ingest {

    /** Service name, e.g. {@code ingest-ctp01}: default {@code service.id}, log and help name. */
    String name();

    /** The hardware protocol, tagged on every metric as {@code source}, e.g. {@code CTP01}. */
    String source();

    /** Default port of the health/metrics server, distinct per ingest so they can share a host. */
    int defaultHttpPort();

    /** The ingest's own options (the common ones are added by {@link IngestService}). */
    ConfigFields fields();

    /** Prefix of every environment variable of this service, e.g. {@code CTP01_}; none by default. */
    default String envPrefix() {
        return "";
    }

    /** Topics this ingest publishes to; provisioned before {@link #start}. */
    default List<TopicSpec> topics() {
        return List.of(Topics.PASSINGS, Topics.DECODER_STATUS);
    }

    /**
     * Starts listening to / connecting to the hardware. Called once Kafka is reachable and the topics
     * exist. Should return promptly (start servers and clients, do not block on them), but only once
     * its listening sockets are bound: readiness turns UP when this returns.
     */
    void start(ServiceContext context) throws Exception;

    /** Stops hardware I/O; the publisher is flushed and closed after this returns. */
    void stop() throws Exception;
}
