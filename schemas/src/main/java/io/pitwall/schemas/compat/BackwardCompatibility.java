package io.pitwall.schemas.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Whether a schema can read data written with another one (Avro's reader/writer resolution, the
 * rule behind the registry's BACKWARD level), with every problem described in words that name the
 * field: "{@code Passing.attributes{}: ...}" rather than Avro's JSON pointer
 * "{@code /fields/11/type/values}".
 *
 * <p>Used by the build's schema-history check, the in-memory registry and the deserializer's
 * error messages.
 */
public final class BackwardCompatibility {

    private BackwardCompatibility() {
    }

    /**
     * Problems that keep {@code reader} from reading data written with {@code writer}; empty when it
     * can. Each problem names the field path in the reader schema.
     */
    public static List<String> problems(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            problems.add(describe(reader, incompatibility));
        }
        return problems;
    }

    /** True when {@code reader} can read everything written with {@code writer}. */
    public static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    static String describe(Schema reader, Incompatibility incompatibility) {
        String path = fieldPath(reader, incompatibility.getLocation());
        String message = incompatibility.getMessage();
        String what = switch (incompatibility.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + message
                    + "' has no default, so records written without it cannot be read (give it a default)";
            case MISSING_ENUM_SYMBOLS -> "enum symbols " + message
                    + " of the writer are missing (keep them, or give the enum a default symbol)";
            case MISSING_UNION_BRANCH -> "union lost a branch the writer uses: " + message;
            case TYPE_MISMATCH -> "type changed incompatibly: " + message;
            case NAME_MISMATCH -> "named type renamed without an alias: " + message;
            case FIXED_SIZE_MISMATCH -> "fixed size changed: " + message;
        };
        return path + ": " + what + " [" + incompatibility.getType() + " at " + incompatibility.getLocation() + "]";
    }

    /**
     * Translates Avro's JSON pointer into the reader schema ({@code /fields/3/type/items}) into a
     * dotted field path ({@code LapEvent.passings[].streamId}). Falls back to the pointer when it
     * does not fit the schema.
     */
    static String fieldPath(Schema reader, String location) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema cursor = reader;
        String[] tokens = location == null ? new String[0] : location.split("/");
        try {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isEmpty() || token.equals("type")) {
                    continue;
                }
                if (token.equals("fields") && i + 1 < tokens.length && cursor.getType() == Schema.Type.RECORD) {
                    Schema.Field field = cursor.getFields().get(Integer.parseInt(tokens[++i]));
                    path.append('.').append(field.name());
                    cursor = field.schema();
                } else if (token.equals("items") && cursor.getType() == Schema.Type.ARRAY) {
                    path.append("[]");
                    cursor = cursor.getElementType();
                } else if (token.equals("values") && cursor.getType() == Schema.Type.MAP) {
                    path.append("{}");
                    cursor = cursor.getValueType();
                } else if (cursor.getType() == Schema.Type.UNION && token.chars().allMatch(Character::isDigit)) {
                    cursor = cursor.getTypes().get(Integer.parseInt(token));
                } else {
                    // "symbols", "size", "name": the problem is about the type at the cursor itself
                    break;
                }
            }
            return path.toString();
        } catch (RuntimeException pointerDoesNotFit) {
            return reader.getName() + location;
        }
    }
}
