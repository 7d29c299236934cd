package io.pitwall.ingest.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final ConfigField<String> BOOTSTRAP = ConfigField.string("kafka.bootstrap.servers")
            .withDefault("localhost:9092")
            .withValidator(Validators.hostPortList())
            .withDescription("brokers");
    static final ConfigField<Integer> PORT = ConfigField.integer("http.port")
            .withDefault(8080)
            .withValidator(Validators.port())
            .withDescription("port");
    static final ConfigField<Duration> TIMEOUT = ConfigField.duration("read-timeout")
            .withDefault(Duration.ofSeconds(5))
            .withDescription("timeout");
    static final ConfigField<Boolean> VERBOSE = ConfigField.bool("verbose")
            .withDefault(false)
            .withDescription("verbose");
    static final ConfigField<String> PASSWORD = ConfigField.string("decoder.password")
            .secret()
            .withDescription("decoder password");
    static final ConfigField<String> VENUE = ConfigField.string("venue.id")
            .required()
            .withDescription("venue");

    static final Passthrough KAFKA = new Passthrough("kafka.", "Kafka client properties",
            key -> List.of("security.protocol", "sasl.jaas.config", "linger.ms", "acks").contains(key),
            key -> key.contains("jaas"),
            (key, value) -> key.equals("acks") && !value.equals("all") ? Optional.of("all") : Optional.empty());

    static final ConfigFields FIELDS = ConfigFields.of(BOOTSTRAP, PORT, TIMEOUT, VERBOSE, PASSWORD, VENUE)
            .withPassthrough(KAFKA);

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Configuration config = loader(Map.of("VENUE_ID", "spa")).load();

        assertThat(config.get(BOOTSTRAP)).isEqualTo("localhost:9092");
        assertThat(config.get(PORT)).isEqualTo(8080);
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getOptional(PASSWORD)).isEmpty();
        assertThat(config.origin(PORT)).isEqualTo("default");
        assertThat(config.passthrough("kafka.")).isEmpty();
    }

    @Test
    void precedenceIsDefaultThenFileThenEnvironmentThenCommandLineThenCode() throws IOException {
        Path file = write("http.port=1001\nread-timeout=1s\nverbose=true\nvenue.id=file-venue\nkafka.linger.ms=7\n");

        Configuration fileOnly = loader(Map.of()).commandLine("--config", file.toString()).load();
        assertThat(fileOnly.get(PORT)).isEqualTo(1001);
        assertThat(fileOnly.origin(PORT)).isEqualTo("config file " + file);

        Map<String, String> env = Map.of("HTTP_PORT", "1002", "READ_TIMEOUT", "2s", "KAFKA_LINGER_MS", "8");
        Configuration withEnv = loader(env).commandLine("--config=" + file).load();
        assertThat(withEnv.get(PORT)).isEqualTo(1002);
        assertThat(withEnv.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(withEnv.get(VERBOSE)).isTrue();
        assertThat(withEnv.passthrough("kafka.")).containsEntry("linger.ms", "8");
        assertThat(withEnv.origin(PORT)).isEqualTo("environment variable HTTP_PORT");

        Configuration withArgs = loader(env)
                .commandLine("--config", file.toString(), "--http.port=1003", "--kafka.linger.ms=9").load();
        assertThat(withArgs.get(PORT)).isEqualTo(1003);
        assertThat(withArgs.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(withArgs.get(VENUE)).isEqualTo("file-venue");
        assertThat(withArgs.passthrough("kafka.")).containsEntry("linger.ms", "9");
        assertThat(withArgs.origin(PORT)).isEqualTo("command line");

        Configuration withCode = loader(env).commandLine("--http.port=1003").set("http.port", "1004")
                .set("venue.id", "x").load();
        assertThat(withCode.get(PORT)).isEqualTo(1004);
    }

    @Test
    void configFileCanBeNamedByEnvironment() throws IOException {
        Path file = write("venue.id=from-file\n");
        Configuration config = loader(Map.of(ConfigLoader.CONFIG_FILE_ENV, file.toString())).load();
        assertThat(config.get(VENUE)).isEqualTo("from-file");
    }

    @Test
    void environmentNamesFollowTheOptionNamesWithTheServicePrefix() {
        Configuration config = ConfigLoader.of(FIELDS)
                .envPrefix("CTP01_")
                .environment(Map.of("CTP01_VENUE_ID", "spa", "CTP01_READ_TIMEOUT", "250ms", "VENUE_ID", "ignored",
                        "CTP01_KAFKA_SECURITY_PROTOCOL", "SSL"))
                .load();

        assertThat(config.get(VENUE)).isEqualTo("spa");
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.passthrough("kafka.")).containsEntry("security.protocol", "SSL");
        assertThat(BOOTSTRAP.envName("CTP01_")).isEqualTo("CTP01_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(TIMEOUT.envName("")).isEqualTo("READ_TIMEOUT");
    }

    @Test
    void environmentPassthroughTakesOnlyRealClientPropertiesNotKubernetesServiceLinks() {
        Configuration config = loader(Map.of(
                "VENUE_ID", "spa",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_PORT", "tcp://10.0.0.7:9092",
                "KAFKA_SERVICE_HOST", "10.0.0.7",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093")).load();

        assertThat(config.passthrough("kafka.")).containsOnlyKeys("security.protocol");
        assertThat(config.get(BOOTSTRAP)).isEqualTo("broker:9093");
    }

    @Test
    void declaredFieldsUnderThePassthroughPrefixAreNotPassedThrough() {
        Configuration config = loader(Map.of("VENUE_ID", "spa"))
                .commandLine("--kafka.bootstrap.servers=a:1", "--kafka.security.protocol=SSL").load();

        assertThat(config.get(BOOTSTRAP)).isEqualTo("a:1");
        assertThat(config.passthrough("kafka.")).containsOnlyKeys("security.protocol");
    }

    @Test
    void blankValuesCountAsNotSet() {
        Configuration config = loader(Map.of("VENUE_ID", "spa", "HTTP_PORT", "  ")).load();
        assertThat(config.get(PORT)).isEqualTo(8080);
    }

    @Test
    void valuesAreTrimmedAndBareBooleanFlagsMeanTrue() {
        Configuration config = loader(Map.of("VENUE_ID", " spa ")).commandLine("--verbose").load();
        assertThat(config.get(VENUE)).isEqualTo("spa");
        assertThat(config.get(VERBOSE)).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingOptionValueOriginAndWhatIsAllowed() throws IOException {
        Path file = write("read-timeout=5\nbogus.option=1\n");
        Map<String, String> env = Map.of("HTTP_PORT", "99999", "KAFKA_BOOTSTRAP_SERVERS", "no-port");

        assertThatThrownBy(() -> loader(env)
                .commandLine("--config", file.toString(), "--verbose=maybe", "--http.prot=1", "stray", "--kafka.acks=1")
                .load())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::option).containsExactlyInAnyOrder(
                            "stray", "bogus.option", "--http.prot", "kafka.acks", "kafka.bootstrap.servers",
                            "http.port", "read-timeout", "verbose", "venue.id");
                    assertThat(e.getMessage())
                            .startsWith("Invalid configuration (9 problems):")
                            .contains("http.port = '99999' (environment variable HTTP_PORT): not allowed; "
                                    + "allowed: an integer from 0 to 65535")
                            .contains("read-timeout = '5' (config file " + file + "): not a valid duration; "
                                    + "allowed: a duration with a unit such as 500ms, 5s, 2m")
                            .contains("verbose = 'maybe' (command line): not a valid boolean; allowed: true or false")
                            .contains("kafka.bootstrap.servers = 'no-port' (environment variable KAFKA_BOOTSTRAP_SERVERS)")
                            .contains("--http.prot (command line): unknown option; did you mean http.port?")
                            .contains("bogus.option (config file " + file + "): unknown option (see --help)")
                            .contains("kafka.acks = '1' (command line): not allowed; allowed: all")
                            .contains("venue.id: is required but not set")
                            .endsWith("Run with --help to list every option.");
                });
    }

    @Test
    void missingConfigFileIsAProblem() {
        assertThatThrownBy(() -> loader(Map.of("VENUE_ID", "v")).commandLine("--config", dir.resolve("nope").toString()).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file = '" + dir.resolve("nope") + "' (--config): file does not exist");
    }

    @Test
    void secretsAreMaskedInErrorsAndDescriptions() {
        ConfigField<Integer> pin = ConfigField.integer("decoder.pin").secret().withDescription("pin");
        ConfigFields fields = FIELDS.with(pin);
        assertThatThrownBy(() -> ConfigLoader.of(fields).environment(Map.of("VENUE_ID", "v", "DECODER_PIN", "12x34")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("decoder.pin = '<secret>'")
                .hasMessageNotContaining("12x34");

        Configuration config = ConfigLoader.of(fields)
                .environment(Map.of("VENUE_ID", "v", "DECODER_PASSWORD", "hunter2", "DECODER_PIN", "1234",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule password=\"s3cret\";"))
                .load();
        assertThat(config.get(PASSWORD)).isEqualTo("hunter2");
        assertThat(config.toString())
                .contains("decoder.password = <secret> (environment variable DECODER_PASSWORD)")
                .contains("decoder.pin = <secret>")
                .contains("kafka.sasl.jaas.config = <secret>")
                .doesNotContain("hunter2").doesNotContain("1234").doesNotContain("s3cret");
    }

    @Test
    void readingAnUndeclaredFieldIsAProgrammingError() {
        Configuration config = loader(Map.of("VENUE_ID", "v")).load();
        ConfigField<String> other = ConfigField.string("other").withDescription("x");
        assertThatThrownBy(() -> config.get(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other is not declared");
    }

    @Test
    void aFieldRedeclaredWithAnotherDefaultIsReadThroughTheSharedConstant() {
        ConfigFields fields = ConfigFields.of(PORT.withDefault(9001));
        Configuration config = ConfigLoader.of(fields).environment(Map.of()).load();
        assertThat(config.get(PORT)).isEqualTo(9001);
    }

    @Test
    void declarationMistakesFailFast() {
        assertThatThrownBy(() -> ConfigFields.of(PORT, PORT)).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> ConfigFields.of(ConfigField.string("x"))).hasMessageContaining("no description");
        assertThatThrownBy(() -> ConfigField.string("Bad Name")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> VENUE.withDefault("x")).hasMessageContaining("required");
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(ConfigLoader.editDistance("http.port", "http.prot")).isEqualTo(2);
        assertThat(ConfigLoader.editDistance("abc", "abc")).isZero();
        assertThat(ConfigLoader.editDistance("", "abc")).isEqualTo(3);
    }

    private ConfigLoader loader(Map<String, String> env) {
        return ConfigLoader.of(FIELDS).environment(env);
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("service.properties");
        Files.writeString(file, content);
        return file;
    }
}
