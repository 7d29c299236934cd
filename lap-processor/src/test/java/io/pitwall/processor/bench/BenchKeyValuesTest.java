package io.pitwall.processor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class BenchKeyValuesTest {

    @Test
    void shouldHandEveryPairToTheServiceInOrder() {
        assertThat(BenchInfrastructure.keyValues("service-options",
                "kafka.producer.compression.type=lz4, num.standby.replicas = 0,kafka.producer.batch.size=65536"))
                .containsExactly(
                        entry("kafka.producer.compression.type", "lz4"),
                        entry("num.standby.replicas", "0"),
                        entry("kafka.producer.batch.size", "65536"));
    }

    @Test
    void shouldKeepAnEqualsSignInsideTheValue() {
        assertThat(BenchInfrastructure.keyValues("service-options", "kafka.sasl.jaas.config=a=b"))
                .containsEntry("kafka.sasl.jaas.config", "a=b");
    }

    @Test
    void shouldAddNothingWhenTheListIsEmpty() {
        assertThat(BenchInfrastructure.keyValues("service-options", "")).isEmpty();
        assertThat(BenchInfrastructure.keyValues("service-options", " , ")).isEmpty();
    }

    @Test
    void shouldRejectAnEntryWithoutAKey() {
        assertThatThrownBy(() -> BenchInfrastructure.keyValues("service-options", "compression"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'compression'");
        assertThatThrownBy(() -> BenchInfrastructure.keyValues("service-options", "=lz4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--service-options takes key=value");
    }
}
