package io.pitwall.ingest.lapsnapper.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration the codec reads and writes LapSnapper JSON with. */
final class LapSnapperJson {

    /**
     * Strict on purpose: a payload must be exactly one JSON value (no trailing bytes), a key may appear only once
     * (which of two PIN codes would be meant?), and nesting is capped far above anything the API uses (depth 4)
     * so hostile input cannot make the tree builder work hard.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            // Emoji and other non-BMP characters as real UTF-8, like every other character, not as escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private LapSnapperJson() {
    }
}
