package io.pitwall.processor.timing71;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Timing71 service uuids: one per session, the same every time it is computed (a name-based UUID of venue and
 * session), written as 32 hex digits like Timing71's own services.
 */
public final class ServiceIds {

    private ServiceIds() {
    }

    public static String serviceUuid(String venueId, String sessionId) {
        byte[] name = ("pitwall:" + venueId.length() + ":" + venueId + ":" + sessionId).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString().replace("-", "");
    }
}
