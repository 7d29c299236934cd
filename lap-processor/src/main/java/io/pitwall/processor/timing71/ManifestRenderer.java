package io.pitwall.processor.timing71;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.events.SessionConfig;
import java.util.List;

/** The Timing71 service manifest of a session. */
public final class ManifestRenderer {

    /** serviceClass of every Pitwall service. */
    public static final String SERVICE_CLASS = "pitwall";

    private ManifestRenderer() {
    }

    /**
     * @param startTimeSeconds session start (unix seconds), or when the configuration was written if it has
     *                         not started
     * @param source           Timing71's source tuple: a name and a link
     */
    public static ObjectNode render(SessionConfig config, long startTimeSeconds, List<String> source) {
        ObjectNode manifest = Timing71Json.NODES.objectNode();
        manifest.put("name", config.getName());
        manifest.put("description", config.getDescription());
        manifest.put("uuid", ServiceIds.serviceUuid(config.getVenueId(), config.getSessionId()));
        ArrayNode colSpec = manifest.putArray("colSpec");
        for (List<String> column : Columns.colSpec(config.getSectorCount())) {
            ArrayNode tuple = colSpec.addArray();
            column.forEach(tuple::add);
        }
        manifest.putArray("trackDataSpec");
        manifest.put("pollInterval", 1);
        ArrayNode sourceTuple = manifest.putArray("source");
        source.forEach(sourceTuple::add);
        manifest.put("startTime", startTimeSeconds);
        manifest.put("serviceClass", SERVICE_CLASS);
        return manifest;
    }
}
