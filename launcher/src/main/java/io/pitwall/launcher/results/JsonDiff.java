package io.pitwall.launcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The difference between two JSON documents in the convention of Python's dictdiffer, which Timing71 replay
 * frames use: a list of {@code [action, path, changes]}.
 * <ul>
 *   <li>{@code ["change", path, [old, new]]} — the value at {@code path} changed;</li>
 *   <li>{@code ["add", path, [[key, value], …]]} — keys (object) or indices (array) added under {@code path};</li>
 *   <li>{@code ["remove", path, [[key, value], …]]} — keys or indices removed, array indices highest first so
 *   that removing them one after the other keeps the rest valid.</li>
 * </ul>
 * A path is a dotted string when every step is an object key without a dot ({@code "flagState"}, {@code ""} for
 * the root), otherwise a list of keys and integer indices ({@code [1, 1]}: car 1, column 1). Objects and arrays
 * are compared element by element; anything else is compared as a value (numbers by value: 92.82 equals 92.820).
 */
public final class JsonDiff {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonDiff() {
    }

    public static ArrayNode diff(JsonNode first, JsonNode second) {
        ArrayNode out = NODES.arrayNode();
        diff(first, second, new ArrayList<>(), out);
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, List<Object> path, ArrayNode out) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> added = new TreeSet<>();
            TreeSet<String> removed = new TreeSet<>();
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (b.has(name)) {
                    path.add(name);
                    diff(a.get(name), b.get(name), path, out);
                    path.remove(path.size() - 1);
                } else {
                    removed.add(name);
                }
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!a.has(name)) {
                    added.add(name);
                }
            }
            if (!added.isEmpty()) {
                ArrayNode pairs = NODES.arrayNode();
                added.forEach(name -> pairs.addArray().add(name).add(b.get(name)));
                out.addArray().add("add").add(path(path)).add(pairs);
            }
            if (!removed.isEmpty()) {
                ArrayNode pairs = NODES.arrayNode();
                removed.forEach(name -> pairs.addArray().add(name).add(a.get(name)));
                out.addArray().add("remove").add(path(path)).add(pairs);
            }
        } else if (a.isArray() && b.isArray()) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                path.add(i);
                diff(a.get(i), b.get(i), path, out);
                path.remove(path.size() - 1);
            }
            if (b.size() > common) {
                ArrayNode pairs = NODES.arrayNode();
                for (int i = common; i < b.size(); i++) {
                    pairs.addArray().add(i).add(b.get(i));
                }
                out.addArray().add("add").add(path(path)).add(pairs);
            }
            if (a.size() > common) {
                ArrayNode pairs = NODES.arrayNode();
                for (int i = a.size() - 1; i >= common; i--) {
                    pairs.addArray().add(i).add(a.get(i));
                }
                out.addArray().add("remove").add(path(path)).add(pairs);
            }
        } else if (!sameValue(a, b)) {
            out.addArray().add("change").add(path(path)).add(NODES.arrayNode().add(a).add(b));
        }
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static JsonNode path(List<Object> path) {
        boolean dotted = path.stream().allMatch(step -> step instanceof String s && s.indexOf('.') < 0);
        if (dotted) {
            return NODES.textNode(String.join(".", path.stream().map(String.class::cast).toList()));
        }
        ArrayNode steps = NODES.arrayNode();
        for (Object step : path) {
            if (step instanceof Integer index) {
                steps.add(index);
            } else {
                steps.add((String) step);
            }
        }
        return steps;
    }
}
