package io.pitwall.ingest.smartrace.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ApiVersion;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerData;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ControllerInfo;
import io.pitwall.ingest.smartrace.codec.ServerMessage.EventStatusUpdate;
import io.pitwall.ingest.smartrace.codec.ServerMessage.Reset;
import io.pitwall.ingest.smartrace.codec.ServerMessage.ServerInfo;
import io.pitwall.ingest.smartrace.codec.ServerMessage.VscStatusUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartraceEncoderTest {

    final SmartraceEncoder encoder = new SmartraceEncoder();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void encodesTheRecordedHandshakeRepliesAsSmartraceSendsThem() throws Exception {
        Map<String, ControllerInfo> controllers = new LinkedHashMap<>();
        controllers.put("1", new ControllerInfo("rgb(0, 0, 0)", "rgb(28, 237, 175)", "Nic", "BMW M4"));
        controllers.put("2", new ControllerInfo("black", "rgb(254, 249, 17)", "Alex", "Ferrari 488"));
        for (int i = 3; i <= 6; i++) {
            controllers.put(Integer.toString(i), new ControllerInfo("rgb(0, 0, 0)", "rgb(188, 195, 188)", "Non assegnato",
                    "Non assegnato"));
        }
        List<String> recorded = RecordedMessages.fromServer(RecordedMessages.DOCUMENT);

        List<String> encoded = List.of(encoder.encode(new ControllerData(controllers)), encoder.encode(new ServerInfo(false)),
                encoder.encode(new ApiVersion(7)));

        // byte for byte, except the line breaks the document inserted for readability
        assertThat(encoded).containsExactlyElementsOf(recorded.stream().map(t -> t.replace("\n", "")).toList());
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(json.readTree(encoded.get(i))).isEqualTo(json.readTree(recorded.get(i)));
        }
    }

    @Test
    void encodesStatusMessagesWithPlainStringData() throws Exception {
        List<String> notes = RecordedMessages.fromServer(RecordedMessages.NOTES);

        assertThat(List.of(
                encoder.encode(new ApiVersion(6)),
                encoder.encode(new EventStatusUpdate(EventStatus.PREPARE_FOR_START)),
                encoder.encode(new EventStatusUpdate(EventStatus.STARTING)),
                encoder.encode(new EventStatusUpdate(EventStatus.RUNNING)),
                encoder.encode(new EventStatusUpdate(EventStatus.SUSPENDED)),
                encoder.encode(new EventStatusUpdate(EventStatus.ENDED)),
                encoder.encode(new VscStatusUpdate(VscStatus.ACTIVE)),
                encoder.encode(new VscStatusUpdate(VscStatus.OFF)),
                encoder.encode(new Reset()))).containsExactlyElementsOf(notes);
    }

    @Test
    void omitsAnUnknownCarAndEscapesText() {
        String text = encoder.encode(new ControllerData(Map.of("1",
                new ControllerInfo("rgb(0, 0, 0)", "white", "Jo \"Flash\" \\ O'Neil", null))));

        assertThat(text).isEqualTo("{\"type\":\"update_controller_data\",\"data\":{\"1\":{\"color\":\"rgb(0, 0, 0)\","
                + "\"backgroundColor\":\"white\",\"driver\":\"Jo \\\"Flash\\\" \\\\ O'Neil\"}}}");
    }
}
