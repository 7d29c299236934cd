package io.pitwall.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.events.LapEvent;
import io.pitwall.events.Passing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the compatibility gate catches incompatible changes and names what broke. */
class BackwardCompatibilityTest {

    private static Schema withFields(Schema record, UnaryOperator<List<Schema.Field>> change) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, change.apply(fields));
    }

    @Test
    void aNewFieldWithoutDefaultFailsTheHistoryCheckNamingTheField(@TempDir Path history) throws Exception {
        Files.createDirectories(history.resolve("Passing"));
        Files.writeString(history.resolve("Passing/1.avsc"), Passing.getClassSchema().toString(true));
        Schema changed = withFields(Passing.getClassSchema(), fields -> {
            fields.add(new Schema.Field("trackTemperature", Schema.create(Schema.Type.DOUBLE), "no default"));
            return fields;
        });

        List<String> problems = SchemaHistory.backwardProblems(changed, SchemaHistory.versions(history, "Passing"));

        assertThat(problems).singleElement().asString()
                .startsWith("Passing v1: Passing.trackTemperature: field 'trackTemperature' has no default")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void aNewFieldWithDefaultPasses(@TempDir Path history) throws Exception {
        Files.createDirectories(history.resolve("Passing"));
        Files.writeString(history.resolve("Passing/1.avsc"), Passing.getClassSchema().toString());
        Schema changed = withFields(Passing.getClassSchema(), fields -> {
            fields.add(new Schema.Field("trackTemperature", Schema.create(Schema.Type.DOUBLE), "with default", 20.0));
            return fields;
        });

        assertThat(SchemaHistory.backwardProblems(changed, SchemaHistory.versions(history, "Passing"))).isEmpty();
    }

    @Test
    void aChangedFieldTypeIsNamedWithItsPath() {
        Schema changed = withFields(Passing.getClassSchema(), fields -> {
            int i = indexOf(fields, "sequence");
            fields.set(i, new Schema.Field("sequence", Schema.create(Schema.Type.STRING), "now text"));
            return fields;
        });

        assertThat(BackwardCompatibility.problems(changed, Passing.getClassSchema())).singleElement().asString()
                .startsWith("Passing.sequence: type changed incompatibly")
                .contains("TYPE_MISMATCH");
    }

    @Test
    void aRemovedEnumSymbolIsCaught() {
        Schema source = Passing.getClassSchema().getField("source").schema();
        Schema fewerSymbols = Schema.createEnum(source.getName(), source.getDoc(), source.getNamespace(),
                List.of("LAPSNAPPER", "CTP01", "CHRONOCLOUD", "SMARTRACE"));
        Schema changed = withFields(Passing.getClassSchema(), fields -> {
            fields.set(indexOf(fields, "source"), new Schema.Field("source", fewerSymbols, "no MANUAL"));
            return fields;
        });

        assertThat(BackwardCompatibility.problems(changed, Passing.getClassSchema())).singleElement().asString()
                .startsWith("Passing.source: enum symbols [MANUAL]");
    }

    @Test
    void problemsInsideArraysOfRecordsNameTheNestedField() {
        Schema lap = LapEvent.getClassSchema();
        Schema ref = lap.getField("passings").schema().getElementType();
        Schema refChanged = withFields(ref, fields -> {
            fields.add(new Schema.Field("station", Schema.create(Schema.Type.STRING), "no default"));
            return fields;
        });
        Schema changed = withFields(lap, fields -> {
            fields.set(indexOf(fields, "passings"),
                    new Schema.Field("passings", Schema.createArray(refChanged), "refs", List.of()));
            return fields;
        });

        assertThat(BackwardCompatibility.problems(changed, lap)).singleElement().asString()
                .startsWith("LapEvent.passings[].station: field 'station' has no default");
    }

    @Test
    void compatibleSchemasHaveNoProblems() {
        assertThat(BackwardCompatibility.problems(Passing.getClassSchema(), Passing.getClassSchema())).isEmpty();
        assertThat(BackwardCompatibility.canRead(Passing.getClassSchema(), Passing.getClassSchema())).isTrue();
    }

    private static int indexOf(List<Schema.Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
