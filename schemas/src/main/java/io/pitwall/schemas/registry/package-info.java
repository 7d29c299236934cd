/**
 * Client of the Confluent Schema Registry REST API for Avro schemas: the caching HTTP
 * implementation, an in-memory one for unit tests, their configuration, and the exceptions that
 * name topic, subject and registry URL.
 */
package io.pitwall.schemas.registry;
