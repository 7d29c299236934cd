package io.pitwall.ingest.core.config;

/**
 * One thing wrong with the configuration.
 *
 * @param option  the option (or argument) at fault
 * @param origin  where the value came from, e.g. {@code environment variable HTTP_PORT}; empty if none
 * @param value   the offending value as given, already masked for secrets; {@code null} if there is none
 * @param message what is wrong and what is allowed
 */
public record ConfigProblem(String option, String origin, String value, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(option);
        if (value != null) {
            sb.append(" = '").append(value).append('\'');
        }
        if (origin != null && !origin.isEmpty()) {
            sb.append(" (").append(origin).append(')');
        }
        return sb.append(": ").append(message).toString();
    }
}
