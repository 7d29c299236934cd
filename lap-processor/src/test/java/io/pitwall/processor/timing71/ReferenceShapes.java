package io.pitwall.processor.timing71;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure of the real Timing71 recordings in {@code src/test/resources/reference/timing71/} (Le Mans
 * 2021, ELMS Portimão 2021) as assertions: manifest keys and JSON types, colSpec tuples, the JSON type of
 * every cell, state and session keys, message tuples. Used on rendered states ({@link ReferenceFormatTest})
 * and on what the service actually wrote to Kafka (the integration test).
 */
public final class ReferenceShapes {

    public static final List<String> RECORDINGS = List.of("2021_lm24.json", "elms-portimao.json");

    private final String file;
    private final JsonNode reference;

    private ReferenceShapes(String file, JsonNode reference) {
        this.file = file;
        this.reference = reference;
    }

    public static ReferenceShapes of(String file) {
        try (InputStream in = ReferenceShapes.class.getResourceAsStream("/reference/timing71/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new ReferenceShapes(file, Timing71Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same keys as the reference manifest, each of the same JSON type; a 32-hex-digit uuid. */
    public void assertManifestShaped(JsonNode manifest) {
        JsonNode service = reference.get("service");
        assertThat(keys(manifest)).as(file).containsExactlyInAnyOrder("name", "description", "uuid", "colSpec",
                "trackDataSpec", "pollInterval", "source", "startTime", "serviceClass");
        for (String key : keys(manifest)) {
            assertThat(service.has(key)).as("reference manifest has " + key).isTrue();
            assertThat(manifest.get(key).getNodeType()).as(key).isEqualTo(service.get(key).getNodeType());
        }
        assertThat(manifest.get("uuid").asText()).matches("[0-9a-f]{32}");
    }

    /** Every column is a reference column with the same tuple (Last/Best typed {@code laptime}, as current clients). */
    public void assertColumnsShaped(JsonNode manifest) {
        JsonNode referenceColumns = reference.get("service").get("colSpec");
        for (JsonNode column : manifest.get("colSpec")) {
            int index = indexOf(referenceColumns, column.get(0).asText());
            assertThat(index).as(file + " has column " + column.get(0)).isNotNegative();
            JsonNode match = referenceColumns.get(index);
            assertThat(column.size()).as("tuple length of " + column).isEqualTo(match.size());
            String expectedType = List.of("Last", "Best").contains(column.get(0).asText())
                    ? "laptime" // current clients; the 2021 recordings still say "time"
                    : match.get(1).asText();
            assertThat(column.get(1).asText()).as("type of " + column.get(0)).isEqualTo(expectedType);
            if (match.size() == 3) {
                assertThat(column.get(2).asText()).isEqualTo(match.get(2).asText());
            }
        }
    }

    /** Each cell of each car has a JSON shape some car of the reference has in a column of that type. */
    public void assertCellsShaped(JsonNode manifest, JsonNode state) {
        JsonNode referenceColumns = reference.get("service").get("colSpec");
        JsonNode columns = manifest.get("colSpec");
        assertThat(state.get("cars")).isNotEmpty();
        for (JsonNode car : state.get("cars")) {
            assertThat(car.size()).isEqualTo(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).get(0).asText();
                String type = referenceColumns.get(indexOf(referenceColumns, name)).get(1).asText();
                // a renderer formats by column type: an empty time cell that the recording happens to show in
                // S3 only is as valid in S1
                Set<String> allowed = new TreeSet<>();
                for (int r = 0; r < referenceColumns.size(); r++) {
                    if (referenceColumns.get(r).get(1).asText().equals(type)) {
                        for (JsonNode referenceCar : reference.get("state").get("cars")) {
                            allowed.add(shape(referenceCar.get(r)));
                        }
                    }
                }
                if (name.equals("Gap") || name.equals("Int")) {
                    // the references write every gap as text; Pitwall writes time gaps as numbers (the delta
                    // column type formats them) and lap gaps / the leader as text
                    allowed.add("number");
                }
                assertThat(allowed).as(name + " of car " + car.get(0)).contains(shape(car.get(i)));
            }
        }
    }

    /** The reference's state keys plus {@code lastUpdated}; its session keys; message tuples of its shapes. */
    public void assertStateShaped(JsonNode state) {
        JsonNode referenceState = reference.get("state");
        Set<String> extra = new HashSet<>(keys(state));
        extra.removeAll(keys(referenceState));
        assertThat(keys(state)).containsAll(keys(referenceState));
        assertThat(extra).as("only lastUpdated is new (Timing71 analysis needs it)").containsExactly("lastUpdated");
        assertThat(state.get("lastUpdated").isIntegralNumber()).isTrue();
        // the recordings are timed races: a race over a number of laps has lapsRemain instead (Timing71's spec)
        Set<String> sessionKeys = keys(state.get("session"));
        if (sessionKeys.remove("lapsRemain")) {
            sessionKeys.add("timeRemain");
        }
        assertThat(sessionKeys).containsExactlyInAnyOrderElementsOf(keys(referenceState.get("session")));
        assertThat(state.get("session").get("timeElapsed").isNumber()).isTrue();
        Set<String> referenceShapes = new TreeSet<>();
        referenceState.get("messages").forEach(m -> referenceShapes.add(messageShape(m)));
        for (JsonNode message : state.get("messages")) {
            assertThat(referenceShapes).as(message.toString()).contains(messageShape(message));
        }
        assertThat(state.get("highlight").isArray()).isTrue();
    }

    private static String shape(JsonNode cell) {
        if (cell.isArray()) {
            StringBuilder shape = new StringBuilder("[");
            for (JsonNode part : cell) {
                shape.append(shape.length() > 1 ? "," : "").append(part.isNumber() ? "number" : part.getNodeType());
            }
            return shape.append(']').toString().replace("[STRING,", "[\"\",");
        }
        return cell.isNumber() ? "number" : cell.getNodeType().toString();
    }

    private static String messageShape(JsonNode message) {
        List<String> parts = new ArrayList<>();
        message.forEach(p -> parts.add(p.isNumber() ? "number" : p.getNodeType().toString()));
        return parts.toString();
    }

    private static int indexOf(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).get(0).asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
