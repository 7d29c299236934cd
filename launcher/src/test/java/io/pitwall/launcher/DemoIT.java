package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./pitwall demo} the way a newcomer would and checks what they would look at: the printed endpoint
 * lines, four live sessions (one per protocol) on the web API with laps arriving, the Timing71 and RMonitor ports
 * answering, a clean stop on SIGTERM, and a second start on the same data directory carrying on with the same
 * sessions.
 *
 * <p>Timeouts are generous (CI machines are slow and shared); nothing here measures speed.
 */
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VENUE_NAMES = Set.of("Pitwall Demo Circuit", "Pitwall Demo Raceway",
            "Pitwall Demo Airfield", "Pitwall Slot Car Club");
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration LIVE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void demoShowsFourLiveVenuesWithLapsStopsCleanlyAndCarriesOnAfterARestart() throws Exception {
        PitwallRun demo = startDemo();
        assertThat(demo.value("WEB=")).matches("http://localhost:\\d+/");
        assertThat(demo.value("T71=")).matches("ws://localhost:\\d+/");
        assertThat(demo.value("RMONITOR=")).matches("tcp://localhost:\\d+");
        assertThat(demo.value("KAFKA_BOOTSTRAP=")).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(demo.value("SCHEMA_REGISTRY_URL=")).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        String web = demo.value("WEB=");

        HttpResponse<String> page = get(web);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).contains("text/html");

        Map<String, String> services = awaitFourServices(web);
        Map<String, Integer> laps = awaitLapsEverywhere(web, services);
        await("laps keep arriving at every venue").atMost(LIVE).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> {
            Map<String, Integer> now = lapsByService(web, services.keySet());
            return services.keySet().stream().allMatch(uuid -> now.get(uuid) > laps.get(uuid));
        });

        assertThat(firstT71Message(demo.value("T71="))).contains("\"MANIFEST_UPDATE\"");
        assertThat(firstRMonitorLine(demo.value("RMONITOR="))).startsWith("$");

        demo.process().destroy(); // SIGTERM, as Ctrl-C or a service manager would
        assertThat(demo.process().waitFor(90, TimeUnit.SECONDS)).as("pitwall demo stops on SIGTERM").isTrue();
        assertThat(demo.process().exitValue()).isIn(0, 143);

        // the two long races (10 and 12 min) are still running: they must come back and carry on
        Set<String> races = services.entrySet().stream()
                .filter(e -> e.getValue().equals("Pitwall Demo Circuit") || e.getValue().equals("Pitwall Demo Raceway"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        PitwallRun again = startDemo();
        String webAgain = again.value("WEB=");
        Map<String, Integer> before = new HashMap<>();
        await("the sessions and their laps come back from Kafka").atMost(LIVE).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    before.putAll(lapsByService(webAgain, races));
                    return races.stream().allMatch(uuid -> before.get(uuid) >= laps.get(uuid));
                });
        await("the sessions carry on after the restart").atMost(LIVE).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> {
            Map<String, Integer> now = lapsByService(webAgain, races);
            return races.stream().allMatch(uuid -> now.get(uuid) > before.get(uuid));
        });
    }

    /** uuid → name of the four live services, once there are four. */
    private Map<String, String> awaitFourServices(String web) {
        Map<String, String> services = new HashMap<>();
        await("four live services").atMost(LIVE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            JsonNode directory = getJson(web + "api/services");
            services.clear();
            for (JsonNode manifest : directory.get("services")) {
                services.put(manifest.get("uuid").asText(), manifest.get("name").asText());
            }
            return services.size() == 4;
        });
        assertThat(new TreeSet<>(services.values())).containsExactlyInAnyOrderElementsOf(VENUE_NAMES);
        return services;
    }

    private Map<String, Integer> awaitLapsEverywhere(String web, Map<String, String> services) {
        List<Map<String, Integer>> seen = new CopyOnWriteArrayList<>();
        await("laps at all four venues").atMost(LIVE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            Map<String, Integer> now = lapsByService(web, services.keySet());
            seen.add(now);
            return now.values().stream().allMatch(count -> count > 0);
        });
        return seen.get(seen.size() - 1);
    }

    /** The sum of the Laps column over every car, per service. */
    private Map<String, Integer> lapsByService(String web, Set<String> uuids) throws Exception {
        Map<String, Integer> laps = new HashMap<>();
        for (String uuid : uuids) {
            JsonNode manifest = getJson(web + "api/services/" + uuid + "/manifest");
            int column = -1;
            JsonNode colSpec = manifest.get("colSpec");
            for (int i = 0; i < colSpec.size(); i++) {
                if (colSpec.get(i).get(0).asText().equals("Laps")) {
                    column = i;
                }
            }
            if (column < 0) {
                throw new IllegalStateException("no Laps column in " + manifest);
            }
            int total = 0;
            for (JsonNode car : getJson(web + "api/services/" + uuid + "/state").get("cars")) {
                JsonNode cell = car.get(column);
                JsonNode value = cell.isArray() ? cell.get(0) : cell;
                total += value.isNumber() ? value.asInt() : value.asText().matches("\\d+") ? Integer.parseInt(value.asText()) : 0;
            }
            laps.put(uuid, total);
        }
        return laps;
    }

    private String firstT71Message(String url) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    first.complete(text.toString());
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        try {
            return first.get(60, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    private static String firstRMonitorLine(String url) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private PitwallRun startDemo() throws IOException {
        PitwallRun demo = PitwallRun.start(READY, processes, "demo", "--data-dir", dataDir.toString(),
                "--kafka-port", "0", "--registry-port", "0", "--web-port", "0", "--t71-port", "0", "--rmonitor-port", "0");
        assertThat(demo.lines().stream().map(l -> l.substring(0, l.indexOf('=') + 1)).collect(Collectors.toList()))
                .as("stdout holds exactly the endpoint lines")
                .containsExactly("WEB=", "T71=", "RMONITOR=", "KAFKA_BOOTSTRAP=", "SCHEMA_REGISTRY_URL=");
        return demo;
    }
}
