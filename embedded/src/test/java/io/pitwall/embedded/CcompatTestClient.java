package io.pitwall.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain java.net.http calls on the Confluent-compatible registry API, for tests only. */
final class CcompatTestClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    CcompatTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /subjects/{subject}/versions} with an Avro schema. */
    HttpResponse<String> register(String subject, String avroSchema) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CcompatHttp.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + jsonString(avroSchema) + "}")));
    }

    HttpResponse<String> schemaById(int id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id)).GET());
    }

    HttpResponse<String> globalConfig() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/config")).GET());
    }

    HttpResponse<String> setGlobalCompatibility(String level) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/config"))
                .header("Content-Type", CcompatHttp.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")));
    }

    static int id(HttpResponse<String> response) {
        Matcher matcher = ID.matcher(response.body());
        if (!matcher.find()) {
            throw new AssertionError("no id in " + response.statusCode() + " " + response.body());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }
}
