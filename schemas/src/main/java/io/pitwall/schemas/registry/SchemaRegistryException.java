package io.pitwall.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call failed. The message always says what went wrong and names everything an
 * operator needs to find the cause: the Kafka topic (when a serializer made the call), the subject,
 * the registry URL (credentials removed), the HTTP status and Confluent's {@code error_code}, and
 * what the registry itself said.
 *
 * <p>It extends Kafka's {@link SerializationException} so that the serde can throw it as is and
 * Kafka clients, Kafka Streams exception handlers and dead-letter logic see the type they expect.
 * Use {@link #isRetriable()} to tell a passing outage (retry later, never dead-letter the record)
 * from a permanent problem with the data or the configuration.
 */
public class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** No HTTP status or error code: the request never got an answer. */
    public static final int NONE = -1;

    private final String problem;
    private final String registryUrl;
    private final String subject;
    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;
    private volatile String topic;

    public SchemaRegistryException(String problem, RegistryErrorContext context, Throwable cause) {
        super(problem, cause);
        this.problem = problem;
        this.registryUrl = context.registryUrl();
        this.subject = context.subject();
        this.httpStatus = context.httpStatus();
        this.errorCode = context.errorCode();
        this.registryMessage = context.registryMessage();
    }

    public SchemaRegistryException(String problem, RegistryErrorContext context) {
        this(problem, context, null);
    }

    /**
     * Records the Kafka topic the failed call was made for, so the message names it. The registry
     * client does not know the topic; the serde adds it before rethrowing. The first topic wins.
     *
     * @return this exception, for {@code throw e.forTopic(topic)}
     */
    public SchemaRegistryException forTopic(String topic) {
        if (this.topic == null) {
            this.topic = topic;
        }
        return this;
    }

    /** True when the same call may succeed later: the registry was unreachable or failed (5xx). */
    public boolean isRetriable() {
        return httpStatus >= 500 || httpStatus == 429;
    }

    /** What went wrong, without the context that {@link #getMessage()} appends. */
    public String problem() {
        return problem;
    }

    /** Registry URL (or comma-separated URLs) the call went to, without credentials. */
    public String registryUrl() {
        return registryUrl;
    }

    /** Subject of the call, or {@code null} for calls that have none (schema by id, config). */
    public String subject() {
        return subject;
    }

    /** Topic the serde was serializing for, or {@code null} outside a serde. */
    public String topic() {
        return topic;
    }

    /** HTTP status, or {@link #NONE} when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} from the response body, or {@link #NONE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own {@code message}, or {@code null}. */
    public String registryMessage() {
        return registryMessage;
    }

    @Override
    public String getMessage() {
        List<String> where = new ArrayList<>();
        if (topic != null) {
            where.add("topic '" + topic + "'");
        }
        if (subject != null) {
            where.add("subject '" + subject + "'");
        }
        if (registryUrl != null) {
            where.add("registry " + registryUrl);
        }
        if (httpStatus != NONE) {
            where.add("HTTP " + httpStatus);
        }
        if (errorCode != NONE) {
            where.add("error_code " + errorCode);
        }
        StringBuilder message = new StringBuilder(problem);
        if (!where.isEmpty()) {
            message.append(" [").append(String.join(", ", where)).append(']');
        }
        if (registryMessage != null && !registryMessage.isBlank()) {
            message.append(": registry says \"").append(registryMessage).append('"');
        }
        return message.toString();
    }
}
