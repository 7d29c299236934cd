package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.BasicCredentials;
import io.pitwall.schemas.registry.CredentialsSource;
import io.pitwall.schemas.registry.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PitwallAvroSerdeConfigTest {

    private static PitwallAvroSerdeConfig config(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("schema.registry.url", "http://localhost:8081");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new PitwallAvroSerdeConfig(map);
    }

    @Test
    void defaultsMatchConfluentsSerde() {
        PitwallAvroSerdeConfig config = config();

        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.credentialsSource()).isEqualTo(CredentialsSource.URL);
        assertThat(config.userInfo()).isEmpty();
        assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
        assertThat(config.latestCacheTtl()).isEmpty();
        assertThat(config.retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cacheCapacity()).isEqualTo(1000);
        assertThat(config.sslContext()).isEmpty();
        assertThat(config.specificType(false)).isEmpty();
    }

    @Test
    void registryUrlIsRequired() {
        assertThatThrownBy(() -> new PitwallAvroSerdeConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void urlsAreAListAndMustBeHttp() {
        assertThat(config("schema.registry.url", "http://a:1, https://b:2/apis/ccompat/v7").urls())
                .containsExactly("http://a:1", "https://b:2/apis/ccompat/v7");
        assertThatThrownBy(() -> config("schema.registry.url", "localhost:8081"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> config("schema.registry.url", "ftp://fred:hunter2@host"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> config("schema.registry.url", "mock://a,http://b"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mock://");
    }

    @Test
    void mockUrlSelectsAScope() {
        PitwallAvroSerdeConfig config = config("schema.registry.url", "mock://unit-test");
        assertThat(config.isMock()).isTrue();
        assertThat(config.mockScope()).isEqualTo("unit-test");
    }

    @Test
    void userInfoCredentials() {
        PitwallAvroSerdeConfig config = config("basic.auth.credentials.source", "user_info", "basic.auth.user.info", "fred:pa:ss");
        assertThat(config.credentialsSource()).isEqualTo(CredentialsSource.USER_INFO);
        assertThat(config.userInfo()).contains(new BasicCredentials("fred", "pa:ss"));
    }

    @Test
    void malformedUserInfoIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> config("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "hunter2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("username:password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unsupportedCredentialsSourceIsRejected() {
        assertThatThrownBy(() -> config("basic.auth.credentials.source", "SASL_INHERIT"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
    }

    @Test
    void subjectNameStrategiesAreValidatedAtConfigTime() {
        assertThat(config("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")
                .subjectNameStrategy(false)).isInstanceOf(RecordNameStrategy.class);
        assertThatThrownBy(() -> config("key.subject.name.strategy", "Nope"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Nope");
    }

    @Test
    void specificTypesNeedTheSpecificReaderAndAGeneratedClass() {
        assertThat(config("specific.avro.reader", true, "specific.avro.value.type", Passing.class.getName())
                .specificType(false)).contains(Passing.class);
        assertThatThrownBy(() -> config("specific.avro.value.type", Passing.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.reader=true");
        assertThatThrownBy(() -> config("specific.avro.reader", true, "specific.avro.key.type", String.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SpecificRecord");
    }

    @Test
    void latestCacheTtl() {
        assertThat(config("latest.cache.ttl.sec", 30L).latestCacheTtl()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
        assertThatThrownBy(() -> config("latest.cache.ttl.sec", -2L)).isInstanceOf(ConfigException.class);
    }

    @Test
    void unknownKeysOfProducerConfigsAreIgnored() {
        assertThat(config("bootstrap.servers", "localhost:9092", "acks", "all").autoRegisterSchemas()).isTrue();
    }

    @Test
    void unreadableTrustStoreIsAClearConfigError() {
        assertThatThrownBy(() -> config("schema.registry.ssl.truststore.location", "/does/not/exist.jks").sslContext())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location");
    }

    @Test
    void everyKeyIsDocumentedWithTypeDefaultAndDescription() {
        ConfigDef def = PitwallAvroSerdeConfig.configDef();
        assertThat(def.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.type).as(key.name).isNotNull();
        });
        assertThat(def.names()).contains("schema.registry.url", "auto.register.schemas", "use.latest.version",
                "specific.avro.reader", "basic.auth.credentials.source", "basic.auth.user.info",
                "key.subject.name.strategy", "value.subject.name.strategy");
    }

    @Test
    void readmeConfigTableMatchesTheDefinitions() throws Exception {
        Path moduleDir = Path.of(System.getProperty("pitwall.module.dir", "."));
        String readme = Files.readString(moduleDir.resolve("README.md"));
        String begin = "<!-- serde-config:begin -->\n";
        String end = "<!-- serde-config:end -->";
        assertThat(readme).contains(begin).contains(end);
        String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
        assertThat(table).as("README config table drifted from PitwallAvroSerdeConfig; paste ConfigTable.markdown()")
                .isEqualTo(ConfigTable.markdown(PitwallAvroSerdeConfig.configDef()));
    }
}
