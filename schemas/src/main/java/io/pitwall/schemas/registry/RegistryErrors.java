package io.pitwall.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed registry exchange into the right {@link SchemaRegistryException} subclass with a
 * message that says what was attempted and why it failed.
 *
 * <p>Confluent error codes (the registry's {@code error_code}): 40401 subject not found, 40402
 * version not found, 40403 schema not found, 409 incompatible schema, 42201 invalid schema, 42202
 * invalid version, 42203 invalid compatibility level, 5xxxx server-side failures.
 */
final class RegistryErrors {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;

    private RegistryErrors() {
    }

    static SchemaRegistryException fromResponse(
            int status, String body, String url, String method, String path, RegistryHttp.Call call) {
        ErrorBody error = ErrorBody.parse(body);
        // without a Confluent error body, show the start of whatever came back (a proxy's page, say)
        String registryMessage = error.message() != null ? error.message()
                : body == null || body.isBlank() ? null : RegistryHttp.abbreviate(body);
        RegistryErrorContext context = new RegistryErrorContext(
                url, call.subject(), status, error.code(), registryMessage);
        String could = "Could not " + call.action();
        if (status == 401) {
            return new RegistryAuthException(could + ": the registry rejected the credentials"
                    + " (check basic.auth.credentials.source and basic.auth.user.info)", context);
        }
        if (status == 403) {
            return new RegistryAuthException(could + ": the registry denied these credentials the "
                    + method + " " + path + " operation", context);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(could + ": the schema is incompatible with the versions"
                    + " already registered under the subject (its compatibility rule refuses it)", context);
        }
        if (status == 422) {
            return new InvalidSchemaException(could + ": the registry rejected the request as invalid", context);
        }
        if (status == 404) {
            if (error.code() == SUBJECT_NOT_FOUND) {
                return new SubjectNotFoundException(could + ": the subject does not exist", context);
            }
            if (error.code() == VERSION_NOT_FOUND) {
                return new SubjectNotFoundException(could + ": the subject has no such version", context);
            }
            if (error.code() == SCHEMA_NOT_FOUND) {
                return new SchemaNotFoundException(could + ": the registry does not know this schema", context);
            }
            if (error.code() == SchemaRegistryException.NONE) {
                // no Confluent error body: the URL most likely points at something that is not the API
                return new SchemaRegistryException(could + ": HTTP 404 for " + method + " " + path
                        + " without a schema registry error body; is schema.registry.url the API root?"
                        + " (Apicurio Registry serves the Confluent API under /apis/ccompat/v7)", context);
            }
            return new SchemaRegistryException(could + ": not found", context);
        }
        if (status >= 500) {
            return new SchemaRegistryException(could + ": the registry failed with a server error", context);
        }
        if (status == 429) {
            return new SchemaRegistryException(could + ": the registry is rate-limiting this client", context);
        }
        return new SchemaRegistryException(could + ": unexpected HTTP " + status + " for " + method + " " + path,
                context);
    }

    static RegistryUnavailableException unavailable(String urls, RegistryHttp.Call call, int attempts, IOException cause) {
        String reason = describe(cause);
        String problem = "Could not " + call.action() + ": no schema registry answered at " + urls
                + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + "; last error: " + reason + ")";
        return new RegistryUnavailableException(problem, RegistryErrorContext.noResponse(urls, call.subject()), cause);
    }

    private static String describe(IOException e) {
        if (e == null) {
            return "none";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within the request timeout";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof SSLException) {
            return "TLS failure: " + root.getMessage();
        }
        return root.toString();
    }

    /** Confluent's error body {@code {"error_code": 40403, "message": "Schema not found"}}. */
    record ErrorBody(int code, String message) {

        static ErrorBody parse(String body) {
            if (body == null || body.isBlank()) {
                return new ErrorBody(SchemaRegistryException.NONE, null);
            }
            try {
                JsonNode node = RegistryHttp.json().readTree(body);
                if (node != null && node.isObject() && node.has("error_code")) {
                    JsonNode message = node.get("message");
                    return new ErrorBody(node.get("error_code").asInt(SchemaRegistryException.NONE),
                            message == null || message.isNull() ? null : message.asText());
                }
            } catch (IOException notJson) {
                // an HTML error page of a proxy, for example: reported as "no error body"
            }
            return new ErrorBody(SchemaRegistryException.NONE, null);
        }
    }
}
