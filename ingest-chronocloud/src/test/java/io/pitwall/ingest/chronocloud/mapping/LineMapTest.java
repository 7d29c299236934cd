package io.pitwall.ingest.chronocloud.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.LineKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineMapTest {

    @Test
    void everyStationTypeOfTheDocumentHasAMeaning() {
        LineMap map = LineMap.defaultMap();
        for (String type : new String[] {"Route-Finish", "Route-Start", "Route-Pause", "TC-Time", "TC-Separate",
                "TC-Pause", "Route-TC-Finish", "Route-TC-Start", "Track-Finish", "Track-Sector"}) {
            assertThat(map.resolve("s", "v", type).line()).as(type).isNotEqualTo(LineKind.UNKNOWN);
        }
        assertThat(map.resolve("s", "v", "Track-Finish")).isEqualTo(new LineAssignment(LineKind.FINISH, null));
        assertThat(map.resolve("s", "v", "Route-Start")).isEqualTo(new LineAssignment(LineKind.START, null));
        assertThat(map.resolve("s", "v", "Track-Sector")).isEqualTo(new LineAssignment(LineKind.SECTOR, null));
        assertThat(map.resolve("s", "v", "Hyperspace-Jump")).isEqualTo(LineAssignment.UNKNOWN);
    }

    @Test
    void theMostSpecificEntryWins() {
        LineMap map = new LineMap(Map.of(
                "Track-Sector", LineAssignment.parse("SECTOR:1"),
                "spa/Track-Sector", LineAssignment.parse("SECTOR:2"),
                "ChronoFly-3/Track-Sector", LineAssignment.parse("sector:3"),
                "Track-Finish", LineAssignment.parse("PIT_IN")));
        assertThat(map.resolve("ChronoFly-3", "spa", "Track-Sector")).isEqualTo(new LineAssignment(LineKind.SECTOR, 3));
        assertThat(map.resolve("ChronoFly-2", "spa", "Track-Sector")).isEqualTo(new LineAssignment(LineKind.SECTOR, 2));
        assertThat(map.resolve("ChronoFly-2", "zolder", "Track-Sector")).isEqualTo(new LineAssignment(LineKind.SECTOR, 1));
        assertThat(map.resolve("ChronoFly-2", "zolder", "Track-Finish").line()).as("configuration beats defaults")
                .isEqualTo(LineKind.PIT_IN);
    }

    @Test
    void assignmentsParseStrictly() {
        assertThat(LineAssignment.parse(" split : 4 ")).isEqualTo(new LineAssignment(LineKind.SPLIT, 4));
        assertThat(LineAssignment.parse("SECTOR:2").toString()).isEqualTo("SECTOR:2");
        assertThatThrownBy(() -> LineAssignment.parse("LAP")).hasMessageContaining("'LAP' is not a line kind");
        assertThatThrownBy(() -> LineAssignment.parse("SECTOR:0")).hasMessageContaining("from 1 to 99");
        assertThatThrownBy(() -> LineAssignment.parse("SECTOR:x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> LineAssignment.parse("SECTOR:1:2")).hasMessageContaining("LINE or LINE:index");
    }
}
