package io.pitwall.processor.timing71;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The Jackson setup for Timing71 documents: BigDecimals kept exactly, so 92.820 stays 92.820 on the wire. */
public final class Timing71Json {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    public static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(NODES);

    private Timing71Json() {
    }
}
