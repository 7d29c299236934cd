package io.pitwall.processor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ExtraServiceOptionsTest {

    @Test
    void shouldHandEveryPairToTheServiceInOrder() {
        assertThat(BenchInfrastructure.extraServiceOptions(
                "kafka.producer.compression.type=lz4, num.standby.replicas = 0,kafka.producer.batch.size=65536"))
                .containsExactly(
                        entry("kafka.producer.compression.type", "lz4"),
                        entry("num.standby.replicas", "0"),
                        entry("kafka.producer.batch.size", "65536"));
    }

    @Test
    void shouldKeepAnEqualsSignInsideTheValue() {
        assertThat(BenchInfrastructure.extraServiceOptions("kafka.sasl.jaas.config=a=b"))
                .containsEntry("kafka.sasl.jaas.config", "a=b");
    }

    @Test
    void shouldAddNothingWhenTheListIsEmpty() {
        assertThat(BenchInfrastructure.extraServiceOptions("")).isEmpty();
        assertThat(BenchInfrastructure.extraServiceOptions(" , ")).isEmpty();
    }

    @Test
    void shouldRejectAnEntryWithoutAKey() {
        assertThatThrownBy(() -> BenchInfrastructure.extraServiceOptions("compression"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'compression'");
        assertThatThrownBy(() -> BenchInfrastructure.extraServiceOptions("=lz4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    }
}
