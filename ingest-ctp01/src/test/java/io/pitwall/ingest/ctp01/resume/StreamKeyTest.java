package io.pitwall.ingest.ctp01.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamKeyTest {

    @Test
    void theIdIsVenueConnectionLocation() {
        assertThat(new StreamKey("spa", "b617318655", "finish").id()).isEqualTo("spa/b617318655/finish");
        assertThat(StreamKey.connectionStreamId("spa", "b6")).isEqualTo("spa/b6");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spa|box|10k/half", "spa|user:timer/1|finish", "a%2Fb|%|/", "x|%25|%2F%", "v|c|é 1/2 €"})
    void anyPartsRoundTripAndStayThreeParts(String venue, String connection, String location) {
        StreamKey key = new StreamKey(venue, connection, location);
        assertThat(key.id().split("/", -1)).hasSize(3);
        assertThat(StreamKey.parse(key.id())).isEqualTo(key);
    }

    @Test
    void otherKeysAreRefused() {
        assertThatThrownBy(() -> StreamKey.parse("spa/finish")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamKey.parse("spa//finish")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsAreJsonAndOtherSourcesAreLeftAlone() {
        ResumePosition position = new ResumePosition(new StreamKey("spa", "box", "finish"),
                new ResumeStore.Position(4530, 2, "12"), Instant.parse("2025-07-26T14:02:15.310Z"));
        String json = new String(position.toJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"source\":\"CTP01\",\"venue\":\"spa\",\"connectionId\":\"box\","
                + "\"location\":\"finish\",\"sequence\":4530,\"epoch\":2,\"eventId\":\"12\","
                + "\"updatedAt\":\"2025-07-26T14:02:15.310Z\"}");
        assertThat(ResumePosition.fromJson(position.toJson())).contains(position);
        assertThat(ResumePosition.fromJson(("{\"source\":\"CTP01\",\"venue\":\"spa\",\"connectionId\":\"box\","
                + "\"location\":\"finish\",\"sequence\":7}").getBytes(StandardCharsets.UTF_8)).orElseThrow().position())
                .as("epoch and event id are optional").isEqualTo(new ResumeStore.Position(7, 0, null));
        assertThat(ResumePosition.fromJson("{\"source\":\"CHRONOCLOUD\",\"id\":7}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThatThrownBy(() -> ResumePosition.fromJson("{\"source\":\"CTP01\",\"sequence\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResumePosition.fromJson("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
