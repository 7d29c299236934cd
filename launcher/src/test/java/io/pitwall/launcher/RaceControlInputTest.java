package io.pitwall.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.ControlAction;
import io.pitwall.events.Flag;
import io.pitwall.events.SessionControl;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaceControlInputTest {

    private static final Instant AT = Instant.parse("2026-05-17T13:00:00Z");

    private static SessionControl parse(String action, String... args) {
        return RaceControlInput.parse("demo", action, List.of(args), "race-1", AT, "test");
    }

    @Test
    void shouldTurnEachActionIntoItsRecord() {
        assertThat(parse("start").getAction()).isEqualTo(ControlAction.START);
        assertThat(parse("STOP").getAction()).isEqualTo(ControlAction.STOP);
        SessionControl flag = parse("flag", "code-60");
        assertThat(flag.getAction()).isEqualTo(ControlAction.FLAG);
        assertThat(flag.getFlag()).isEqualTo(Flag.CODE_60);
        assertThat(parse("message", "Track", "limits").getMessage()).isEqualTo("Track limits");
        SessionControl retire = parse("retire", "17");
        assertThat(retire.getCarNumber()).isEqualTo("17");
        assertThat(retire.getMessage()).isEqualTo("Car 17 retired");
        assertThat(parse("retire", "17", "engine").getMessage()).isEqualTo("engine");
        SessionControl penalty = parse("penalty", "7", "drive", "through");
        assertThat(penalty.getAction()).isEqualTo(ControlAction.PENALTY);
        assertThat(penalty.getCarNumber()).isEqualTo("7");
        assertThat(penalty.getMessage()).isEqualTo("drive through");
        assertThat(penalty.getVenueId()).isEqualTo("demo");
        assertThat(penalty.getSessionId()).isEqualTo("race-1");
        assertThat(penalty.getAt()).isEqualTo(AT);
    }

    @Test
    void shouldRefuseWhatIsNotAnActionWithAMessageSayingWhy() {
        assertThatThrownBy(() -> parse("wave")).hasMessage("unknown action 'wave': show, start, stop, flag, message,"
                + " retire, penalty");
        assertThatThrownBy(() -> parse("flag")).hasMessageStartingWith("flag needs one flag: [");
        assertThatThrownBy(() -> parse("flag", "purple")).hasMessageStartingWith("'purple' is not a flag: [");
        assertThatThrownBy(() -> parse("message")).hasMessage("message needs a text");
        assertThatThrownBy(() -> parse("message", " ")).hasMessage("text is empty");
        assertThatThrownBy(() -> parse("retire")).hasMessage("retire needs a car number");
        assertThatThrownBy(() -> parse("retire", "car 7")).hasMessageContaining("no spaces");
        assertThatThrownBy(() -> parse("penalty", "7")).hasMessage("penalty needs a car and a text");
        assertThatThrownBy(() -> parse("message", "bell\u0007ring")).hasMessage("text contains a control character (U+0007)");
        assertThatThrownBy(() -> parse("message", "half \uD83C")).hasMessageContaining("not valid Unicode");
        assertThatThrownBy(() -> RaceControlInput.parse(" ", "start", List.of(), null, AT, "t"))
                .hasMessage("venue is empty");
        assertThatThrownBy(() -> parse("message", "x".repeat(RaceControlInput.MAX_TEXT + 1)))
                .hasMessageContaining("longer than");
    }

    @Test
    void shouldShowBadInputPrintablyInMessages() {
        assertThatThrownBy(() -> parse("wa\u0000ve")).hasMessageStartingWith("unknown action 'wa?ve'");
        assertThat(RaceControlInput.printable("x".repeat(60))).hasSize(43).endsWith("...");
        assertThat(RaceControlInput.printable("🏁 ok")).isEqualTo("🏁 ok");
    }
}
