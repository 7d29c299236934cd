package io.pitwall.ingest.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpPrinterTest {

    @Test
    void listsEveryOptionWithEnvironmentVariableTypeDefaultAndDescription() {
        String help = HelpPrinter.render("ingest-test", ConfigLoaderTest.FIELDS, "TEST_");

        assertThat(help).startsWith("Usage: ingest-test [--config FILE] [--name=value ...] [--help]");
        List<String> lines = Arrays.asList(help.split("\n"));
        assertThat(line(lines, "kafka.bootstrap.servers"))
                .contains("TEST_KAFKA_BOOTSTRAP_SERVERS").contains("string").contains("localhost:9092").contains("brokers");
        assertThat(line(lines, "http.port")).contains("TEST_HTTP_PORT").contains("int").contains("8080");
        assertThat(line(lines, "read-timeout")).contains("TEST_READ_TIMEOUT").contains("duration").contains("5s");
        assertThat(line(lines, "venue.id")).contains("(required)");
        assertThat(line(lines, "kafka.<property>")).contains("TEST_KAFKA_<PROPERTY>").contains("Kafka client properties");
        assertThat(line(lines, "OPTION")).contains("ENV VARIABLE").contains("TYPE").contains("DEFAULT").contains("DESCRIPTION");
    }

    @Test
    void secretDefaultsAreShownAsSecret() {
        ConfigField<String> key = ConfigField.string("station.key").withDefault("factory-key-123").secret()
                .withDescription("station signing key");
        String help = HelpPrinter.render("svc", ConfigFields.of(key), "");

        assertThat(help).contains("<secret>").doesNotContain("factory-key-123");
    }

    @Test
    void longDescriptionsWrapIntoTheDescriptionColumn() {
        ConfigField<String> f = ConfigField.string("x").withDefault("d").withDescription("word ".repeat(40).trim());
        String help = HelpPrinter.render("svc", ConfigFields.of(f), "");
        List<String> lines = Arrays.asList(help.split("\n"));
        int first = lines.indexOf(line(lines, "x  "));
        int column = lines.get(first).indexOf("word");
        assertThat(lines.get(first + 1).substring(0, column)).isBlank();
        assertThat(lines.get(first + 1).substring(column)).startsWith("word");
    }

    private static String line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + String.join("\n", lines)));
    }
}
