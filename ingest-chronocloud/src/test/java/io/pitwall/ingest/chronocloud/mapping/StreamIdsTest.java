package io.pitwall.ingest.chronocloud.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamIdsTest {

    @Test
    void readableForOrdinaryNames() {
        assertThat(StreamIds.passings("spa", "ChronoFly-12345", "166656", "ET 4 TC 9 Huhdanoja A"))
                .isEqualTo("spa/ChronoFly-12345/166656/ET 4 TC 9 Huhdanoja A");
        assertThat(StreamIds.station("spa", "ChronoFly-12345")).isEqualTo("spa/ChronoFly-12345");
    }

    @Test
    void differentStreamsNeverShareAnId() {
        String a = StreamIds.passings("v", "s", "c/d", "r");
        String b = StreamIds.passings("v", "s", "c", "d/r");
        assertThat(a).isNotEqualTo(b).isEqualTo("v/s/c%2Fd/r");
        assertThat(StreamIds.passings("v", "s", "c", "100%2F")).isNotEqualTo(StreamIds.passings("v", "s", "c", "100/"));
        assertThat(StreamIds.passings("v", "", "c", "r")).isEqualTo("v//c/r");
    }
}
