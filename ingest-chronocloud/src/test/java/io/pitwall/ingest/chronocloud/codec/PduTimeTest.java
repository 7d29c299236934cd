package io.pitwall.ingest.chronocloud.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PduTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2007-11-20T22:19:17.532+02:00, 2007-11-20T20:19:17.532Z",
        "2007-11-20T22:19:17+02:00,     2007-11-20T20:19:17Z",
        "2007-11-20T22:19:17.5+0200,    2007-11-20T20:19:17.500Z",
        "2007-11-20T22:19:17.123456789-03:30, 2007-11-21T01:49:17.123456789Z",
        "2007-11-20T20:19:17.532Z,      2007-11-20T20:19:17.532Z",
        "2007-11-20T22:19:17.532+02,    2007-11-20T20:19:17.532Z",
    })
    void isoWithOffsetIsAnInstant(String text, String instant) {
        PduTime time = PduTime.parse(text).orElseThrow();
        assertThat(time).isInstanceOf(PduTime.Offset.class);
        assertThat(((PduTime.Offset) time).value().toInstant()).isEqualTo(Instant.parse(instant));
        assertThat(time.text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "20:47:57.765, 20:47:57.765",
        "20:47:57,     20:47:57",
        "00:00:00.0,   00:00",
        "23:59:59.999999999, 23:59:59.999999999",
    })
    void olderStationsSendTheTimeOfDay(String text, String expected) {
        assertThat(PduTime.parse(text)).contains(new PduTime.TimeOfDay(LocalTime.parse(expected), text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2007-11-20T22:19:17.532", "2007-11-20T22:19:17"})
    void aDateTimeWithoutOffsetIsLocal(String text) {
        assertThat(PduTime.parse(text)).contains(new PduTime.Local(LocalDateTime.parse(text), text));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " 20:47:57", "20:47", "20:47:57.", "20:47:57.1234567890", "24:00:00", "20:60:00",
        "8:47:57", "2007-11-20 22:19:17Z", "2007-11-20T22:19:17.532+2:00", "2007-11-31T10:00:00Z",
        "2007-11-20T22:19:17.532+02:00 ", "2007-11-20", "1195589957", "T", "2007-11-20T22:19:17.532+02:00:00:00",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anythingElseIsNotATime(String text) {
        assertThat(PduTime.parse(text)).isEmpty();
    }
}
