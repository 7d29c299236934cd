package io.pitwall.ingest.smartrace.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SensorTokenTest {

    @Test
    void matchesOnlyTheConfiguredTokenAndNeverShowsIt() {
        SensorToken token = SensorToken.of(Optional.of("s3cr3t-ß")).orElseThrow();

        assertThat(token.matches("s3cr3t-ß")).isTrue();
        assertThat(token.matches("s3cr3t-ss")).isFalse();
        assertThat(token.matches("s3cr3t")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void noOrEmptyTokenMeansNoCheck() {
        assertThat(SensorToken.of(Optional.empty())).isEmpty();
        assertThat(SensorToken.of(Optional.of(""))).isEmpty();
    }
}
