package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.simulator.ctp01.ChronoTrackBox;
import io.pitwall.simulator.ctp01.ChronoTrackClient;
import io.pitwall.simulator.ctp01.ClientConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pitwall up --config FILE} for a real event: a ChronoTrack box (the simulator, standing in for real
 * hardware) connects to the printed CTP01 port, and the session and entry list from the file are what the live
 * timing shows.
 */
class UpIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> hardware = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable h : hardware) {
            h.close();
        }
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void upRunsTheConfiguredHardwareAndSessionFromOneFile() throws Exception {
        Path config = dir.resolve("event.properties");
        Files.writeString(config, """
                ctp01.venues=town
                ctp01.port=0
                ctp01.bind.address=127.0.0.1
                ctp01.venue.town.authentication=hmac-sha1
                ctp01.venue.town.password.timer=s3cret
                session.town.name=Town Criterium
                session.town.type=race
                session.town.stop=laps:20
                session.town.minimum-lap-time=1s
                session.town.lines=CTP01/finish=FINISH
                session.town.car.101.transponders=A1
                session.town.car.101.drivers=Lena Fischer
                session.town.car.102.transponders=A2
                session.town.car.102.drivers=Piet de Vries
                """);
        PitwallRun up = PitwallRun.start(Duration.ofSeconds(180), processes, "up", "--config", config.toString(),
                "--data-dir", dir.resolve("data").toString(), "--kafka-port", "0", "--registry-port", "0",
                "--web-port", "0", "--t71-port", "0", "--rmonitor-port", "0");
        String web = up.value("WEB=");
        URI ctp01 = URI.create(up.value("CTP01="));
        assertThat(ctp01.getScheme()).isEqualTo("tcp");

        ChronoTrackBox box = ChronoTrackBox.builder("town-box").build();
        ChronoTrackClient client = new ChronoTrackClient(box, ClientConfig.of("127.0.0.1", ctp01.getPort())
                .withCredentials("timer", "s3cret").withReconnectDelay(Duration.ofMillis(500)));
        hardware.add(client);
        client.start();
        await("the box is connected and authorized").atMost(Duration.ofSeconds(60)).until(client::isReady);
        // crossings after the session was configured (earlier ones would belong to an earlier session)
        Instant start = Instant.now();
        for (int lap = 0; lap <= 3; lap++) {
            box.observe("finish", "A1", start.plusSeconds(6L * lap));
            box.observe("finish", "A2", start.plusSeconds(6L * lap + 2));
        }

        await("the session shows both cars with their laps").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                    JsonNode services = getJson(web + "api/services").get("services");
                    assertThat(services).hasSize(1);
                    JsonNode manifest = services.get(0);
                    assertThat(manifest.get("name").asText()).isEqualTo("Town Criterium");
                    JsonNode state = getJson(web + "api/services/" + manifest.get("uuid").asText() + "/state");
                    String cars = state.get("cars").toString();
                    assertThat(cars).contains("\"101\"", "Lena Fischer", "\"102\"", "Piet de Vries");
                    int laps = column(manifest, "Laps");
                    assertThat(state.get("cars").get(0).get(laps).asInt()).isEqualTo(3);
                });

        // race control from the command line, on the running stack found through its data directory
        String data = dir.resolve("data").toString();
        assertThat(pitwall("session", "town", "show", "--data-dir", data)).contains("\"Town Criterium\"", "\"A1\"");
        pitwall("session", "town", "flag", "red", "--data-dir", data);
        await("the red flag is shown").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    JsonNode manifest = getJson(web + "api/services").get("services").get(0);
                    JsonNode state = getJson(web + "api/services/" + manifest.get("uuid").asText() + "/state");
                    assertThat(state.at("/session/flagState").asText()).isEqualTo("red");
                });
    }

    /** Runs a short pitwall command to its end; returns its stdout. */
    private static String pitwall(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PitwallRun.ROOT.resolve("pitwall").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PitwallRun.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PITWALL_SKIP_BUILD", "1");
        builder.environment().remove("KAFKA_BOOTSTRAP");
        builder.environment().remove("SCHEMA_REGISTRY_URL");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pitwall %s exit code; output: %s", List.of(args), out).isZero();
        return out;
    }

    private static int column(JsonNode manifest, String name) {
        JsonNode colSpec = manifest.get("colSpec");
        for (int i = 0; i < colSpec.size(); i++) {
            if (colSpec.get(i).get(0).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + colSpec);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
