package io.pitwall.ingest.smartrace.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A message Smartrace Connect (here: Pitwall) sends to a sensor. */
public sealed interface ServerMessage {

    /** {@code update_controller_data}: who drives which controller, keyed "1".."n" in ascending order. */
    record ControllerData(Map<String, ControllerInfo> controllers) implements ServerMessage {
        public ControllerData {
            controllers = Collections.unmodifiableMap(new LinkedHashMap<>(controllers));
        }
    }

    /** One controller's entry of {@code update_controller_data}; {@code car} is omitted when null. */
    record ControllerInfo(String color, String backgroundColor, String driver, String car) {
        public ControllerInfo {
            Objects.requireNonNull(color, "color");
            Objects.requireNonNull(backgroundColor, "backgroundColor");
            Objects.requireNonNull(driver, "driver");
        }
    }

    /** {@code update_server_info}: Pitwall is never a subscribed (paid) Smartrace installation. */
    record ServerInfo(boolean subscribed) implements ServerMessage {
    }

    /** {@code api_version} reply. */
    record ApiVersion(int version) implements ServerMessage {
    }

    /** {@code update_event_status}: the race's phase. */
    record EventStatusUpdate(EventStatus status) implements ServerMessage {
        public EventStatusUpdate {
            Objects.requireNonNull(status, "status");
        }
    }

    /** {@code update_vsc_status}: virtual safety car on or off. */
    record VscStatusUpdate(VscStatus status) implements ServerMessage {
        public VscStatusUpdate {
            Objects.requireNonNull(status, "status");
        }
    }

    /** {@code reset}: the sensor forgets its laps (a new race). */
    record Reset() implements ServerMessage {
    }
}
