package io.pitwall.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Apicurio Registry through its Confluent-compatible API only. */
class EmbeddedSchemaRegistryIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistryIT.class);

    private static final String LAP_V1 = """
            {"type":"record","name":"Lap","namespace":"io.pitwall.test","fields":[
              {"name":"car","type":"string"},{"name":"lapMillis","type":"long"}]}""";
    /** Adds a field with a default: readers of v2 can read v1 data, so BACKWARD-compatible. */
    private static final String LAP_V2_COMPATIBLE = """
            {"type":"record","name":"Lap","namespace":"io.pitwall.test","fields":[
              {"name":"car","type":"string"},{"name":"lapMillis","type":"long"},
              {"name":"sector","type":"int","default":0}]}""";
    /** Adds a field without a default: v2 readers cannot read v1 data, so not BACKWARD-compatible. */
    private static final String LAP_V2_INCOMPATIBLE = """
            {"type":"record","name":"Lap","namespace":"io.pitwall.test","fields":[
              {"name":"car","type":"string"},{"name":"lapMillis","type":"long"},
              {"name":"driver","type":"string"}]}""";

    @TempDir
    Path dataDir;

    @Test
    void schemaIdsSurviveARestartAndIncompatibleChangesAreRejected() throws Exception {
        String url;
        int id;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(dataDir).build().start()) {
            logStartup("first start", registry);
            url = registry.url();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            CcompatTestClient client = new CcompatTestClient(url);

            assertThat(client.globalConfig().body()).contains("BACKWARD");
            HttpResponse<String> registered = client.register("timing.laps-value", LAP_V1);
            assertThat(registered.statusCode()).isEqualTo(200);
            id = CcompatTestClient.id(registered);

            HttpResponse<String> incompatible = client.register("timing.laps-value", LAP_V2_INCOMPATIBLE);
            assertThat(incompatible.statusCode()).as(incompatible.body()).isEqualTo(409);
            HttpResponse<String> compatible = client.register("timing.laps-value", LAP_V2_COMPATIBLE);
            assertThat(compatible.statusCode()).as(compatible.body()).isEqualTo(200);
            assertThat(CcompatTestClient.id(compatible)).isNotEqualTo(id);
        }

        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.builder(dataDir).reusePortFromLastRun(true).build().start()) {
            logStartup("restart", restarted);
            assertThat(restarted.url()).isEqualTo(url);
            CcompatTestClient client = new CcompatTestClient(url);

            HttpResponse<String> byId = client.schemaById(id);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("lapMillis").doesNotContain("sector");
            HttpResponse<String> again = client.register("timing.laps-value", LAP_V1);
            assertThat(CcompatTestClient.id(again)).as("re-registering returns the stored id").isEqualTo(id);
        }
        assertThat(Files.readString(dataDir.resolve(EmbeddedSchemaRegistry.LOG_FILE))).contains("Listening on");
    }

    @Test
    void aSigkillRightAfterChangesLosesNeitherSchemasNorADeliberateCompatibilityChange() throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(dataDir).build();
        try (registry) {
            registry.start();
            CcompatTestClient client = new CcompatTestClient(registry.url());
            assertThat(client.setGlobalCompatibility("FULL").statusCode()).isEqualTo(200);
            int id = CcompatTestClient.id(client.register("timing.passings-value", LAP_V1));

            registry.kill(); // at once: the registration is milliseconds old
            registry.start(); // same instance: same port

            assertThat(client.globalConfig().body()).as("not reset to BACKWARD on restart").contains("FULL");
            assertThat(client.schemaById(id).statusCode()).isEqualTo(200);
            assertThat(CcompatTestClient.id(client.register("timing.passings-value", LAP_V1))).isEqualTo(id);
            int other = CcompatTestClient.id(client.register("timing.other-value", "\"string\""));
            assertThat(other).as("a new schema never gets an id that was already handed out").isNotEqualTo(id);
        }
        assertThat(registry.isRunning()).isFalse();
    }

    private static void logStartup(String what, EmbeddedSchemaRegistry registry) {
        LOG.info("MEASURE registry {}: {} ms{}", what, registry.lastStartupTime().orElseThrow().toMillis(),
                EmbeddedKafka.rssText(registry.residentSetSizeBytes()));
    }
}
