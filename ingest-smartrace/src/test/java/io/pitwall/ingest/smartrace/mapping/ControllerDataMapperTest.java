package io.pitwall.ingest.smartrace.mapping;

import static io.pitwall.ingest.smartrace.mapping.MappingFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerDataMapperTest {

    @Test
    void namesEachControllerByTheEntryThatListsItAsTransponder() {
        ControllerData data = new ControllerDataMapper(6).controllerData(List.of(
                entry("7", "Nic", "BMW M4", "1"),
                entry("33", null, null, "2", "1004711"),
                entry("99", "Late", "Porsche", "1")));

        assertThat(data.controllers()).containsOnlyKeys("1", "2", "3", "4", "5", "6");
        assertThat(data.controllers().keySet()).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(data.controllers().get("1")).isEqualTo(new ControllerInfo("rgb(0, 0, 0)", "rgb(28, 237, 175)", "Nic", "BMW M4"));
        assertThat(data.controllers().get("2")).isEqualTo(new ControllerInfo("rgb(0, 0, 0)", "rgb(254, 249, 17)", "#33", "#33"));
        assertThat(data.controllers().get("3")).isEqualTo(new ControllerInfo("rgb(0, 0, 0)", "rgb(188, 195, 188)",
                "Not assigned", "Not assigned"));
    }

    @Test
    void listsHigherControllersAnEntryUses() {
        ControllerData data = new ControllerDataMapper(6).controllerData(List.of(entry("8", "Eve", "Audi", "8")));

        assertThat(data.controllers()).hasSize(8);
        assertThat(data.controllers().get("8").driver()).isEqualTo("Eve");
        assertThat(new ControllerDataMapper(4).unassigned().controllers()).hasSize(4);
    }
}
