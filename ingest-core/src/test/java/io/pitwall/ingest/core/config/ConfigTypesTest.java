package io.pitwall.ingest.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTypesTest {

    enum Colour { RED, GREEN }

    @Test
    void durationsNeedAUnit() {
        assertThat(ConfigTypes.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigTypes.DURATION.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigTypes.DURATION.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigTypes.DURATION.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigTypes.DURATION.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigTypes.DURATION.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ConfigTypes.DURATION.parse("5")).hasMessageContaining("with a unit");
        assertThatThrownBy(() -> ConfigTypes.DURATION.parse("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsPrintTheWayTheyAreWritten() {
        assertThat(ConfigTypes.DURATION.format(Duration.ofMillis(5))).isEqualTo("5ms");
        assertThat(ConfigTypes.DURATION.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(ConfigTypes.DURATION.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(ConfigTypes.DURATION.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigTypes.DURATION.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void booleansAreStrict() {
        assertThat(ConfigTypes.BOOLEAN.parse("TRUE")).isTrue();
        assertThat(ConfigTypes.BOOLEAN.parse("false")).isFalse();
        assertThatThrownBy(() -> ConfigTypes.BOOLEAN.parse("yes")).hasMessage("true or false");
    }

    @Test
    void integersAndLists() {
        assertThat(ConfigTypes.INT.parse("-1")).isEqualTo(-1);
        assertThatThrownBy(() -> ConfigTypes.INT.parse("1.5")).hasMessage("an integer");
        assertThatThrownBy(() -> ConfigTypes.INT.parse("99999999999")).hasMessage("an integer");
        assertThat(ConfigTypes.LIST.parse("a, b ,c")).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> ConfigTypes.LIST.parse("a,,b")).hasMessageContaining("without empty items");
        assertThat(ConfigTypes.LIST.format(List.of("a", "b"))).isEqualTo("a,b");
    }

    @Test
    void enumsAreCaseInsensitiveAndListTheirValues() {
        ConfigType<Colour> type = ConfigTypes.enumOf(Colour.class);
        assertThat(type.name()).isEqualTo("enum(RED|GREEN)");
        assertThat(type.parse("green")).isEqualTo(Colour.GREEN);
        assertThatThrownBy(() -> type.parse("blue")).hasMessage("one of RED, GREEN");
    }

    @Test
    void validators() {
        assertThat(Validators.hostPortList().check("a:1,b.example:9092")).isEmpty();
        assertThat(Validators.hostPortList().check("a")).isPresent();
        assertThat(Validators.hostPortList().check("a:0")).isPresent();
        assertThat(Validators.hostPortList().check("a:1,")).isPresent();
        assertThat(Validators.httpUrlList().check("http://r:8081,https://r2/apis/ccompat/v7")).isEmpty();
        assertThat(Validators.httpUrlList().check("r:8081")).isPresent();
        assertThat(Validators.intRange(1, 3).and(v -> v == 2 ? java.util.Optional.of("not 2") : java.util.Optional.empty())
                .check(2)).contains("not 2");
        assertThat(Validators.positiveDuration().check(Duration.ZERO)).isPresent();
    }
}
