package io.pitwall.launcher.results;

/** A problem the operator can act on (unknown venue or session, Kafka unreachable, inputs gone): the message says what. */
public final class ResultsException extends RuntimeException {

    public ResultsException(String message) {
        super(message);
    }

    public ResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
