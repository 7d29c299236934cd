package io.pitwall.ingest.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void theDeliveryGuaranteeIsAlwaysSet() {
        Map<String, Object> props = ProducerSettings.producer(
                Map.of("bootstrap.servers", "k:9092", "security.protocol", "SSL"), "ingest-ctp01", "zstd", Duration.ofMillis(5));

        assertThat(props)
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("max.in.flight.requests.per.connection", "5")
                .containsEntry("retries", String.valueOf(Integer.MAX_VALUE))
                .containsEntry("delivery.timeout.ms", String.valueOf(Integer.MAX_VALUE))
                .containsEntry("compression.type", "zstd")
                .containsEntry("linger.ms", "5")
                .containsEntry("client.id", "ingest-ctp01")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "k:9092")
                .doesNotContainKey("transactional.id");
    }

    @Test
    void userPropertiesMayTuneButNotWeaken() {
        Map<String, Object> tuned = ProducerSettings.producer(
                Map.of("bootstrap.servers", "k:9092", "linger.ms", "20", "acks", "-1"), "x", "lz4", Duration.ofMillis(5));
        assertThat(tuned).containsEntry("linger.ms", "20").containsEntry("acks", "all");

        assertThatThrownBy(() -> ProducerSettings.producer(
                Map.of("bootstrap.servers", "k:9092", "acks", "1", "enable.idempotence", "false"), "x", "lz4", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acks=1").hasMessageContaining("enable.idempotence=false");
        assertThat(ProducerSettings.checkOverride("delivery.timeout.ms", "120000")).isPresent();
        assertThat(ProducerSettings.checkOverride("transactional.id", "t")).isPresent();
        assertThat(ProducerSettings.checkOverride("acks", "ALL")).isEmpty();
        assertThat(ProducerSettings.checkOverride("batch.size", "1")).isEmpty();
    }

    @Test
    void adminGetsOnlyWhatAdminUnderstands() {
        Map<String, Object> admin = ProducerSettings.admin(
                Map.of("bootstrap.servers", "k:9092", "security.protocol", "SSL", "linger.ms", "5"), "svc-admin");
        assertThat(admin).containsOnlyKeys("bootstrap.servers", "security.protocol", "client.id");
    }
}
