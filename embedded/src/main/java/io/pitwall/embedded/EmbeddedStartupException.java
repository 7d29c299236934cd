package io.pitwall.embedded;

/**
 * An embedded broker or registry could not be started. The message says what went wrong and, where
 * there is one, what to do about it; child-process failures include the tail of the child's log.
 */
public class EmbeddedStartupException extends RuntimeException {

    public EmbeddedStartupException(String message) {
        super(message);
    }

    public EmbeddedStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
