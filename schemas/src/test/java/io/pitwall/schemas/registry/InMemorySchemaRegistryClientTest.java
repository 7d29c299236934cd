package io.pitwall.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    private static Schema v(String... fieldsWithDefault) {
        var fields = SchemaBuilder.record("R").namespace("x").fields().requiredString("id");
        for (String f : fieldsWithDefault) {
            fields = fields.name(f).type().stringType().stringDefault("");
        }
        return fields.endRecord();
    }

    private static Schema requiring(String field) {
        return SchemaBuilder.record("R").namespace("x").fields().requiredString("id").requiredString(field).endRecord();
    }

    @Test
    void equalSchemasShareAnIdAcrossSubjectsAndRegisteringIsIdempotent() {
        int a = registry.register("a", Passing.getClassSchema());
        int b = registry.register("b", Passing.getClassSchema());
        int c = registry.register("c", DecoderStatus.getClassSchema());

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(registry.register("a", Passing.getClassSchema())).isEqualTo(a);
        assertThat(registry.getLatestSchemaMetadata("a").version()).isEqualTo(1);
    }

    @Test
    void backwardIsTheDefaultAndRefusesFieldsWithoutDefault() {
        registry.register("s", v());
        registry.register("s", v("added"));

        assertThat(registry.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> registry.register("s", requiring("mandatory")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("mandatory")
                .hasMessageContaining("subject 's'");
        assertThat(registry.getLatestSchemaMetadata("s").version()).isEqualTo(2);
    }

    @Test
    void forwardChecksTheOtherWay() {
        registry.setCompatibility("s", CompatibilityLevel.FORWARD);
        registry.register("s", requiring("old"));
        // removing a field without default breaks old readers
        assertThatThrownBy(() -> registry.register("s", v())).isInstanceOf(IncompatibleSchemaException.class);
        // adding one is fine for them
        registry.register("s", SchemaBuilder.record("R").namespace("x").fields().requiredString("id")
                .requiredString("old").requiredString("more").endRecord());
    }

    @Test
    void transitiveChecksEveryVersion() {
        registry.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
        registry.register("s", requiring("a"));
        registry.register("s", v("a"));
        // readable for v2 (a has a default there), but not for v1's data (b has no default)
        assertThatThrownBy(() -> registry.register("s", requiring("b"))).isInstanceOf(IncompatibleSchemaException.class);

        registry.setCompatibility("t", CompatibilityLevel.BACKWARD);
        registry.register("t", v("a"));
        registry.register("t", v("a", "b"));
        assertThat(registry.testCompatibility("t", v("b")).compatible()).isTrue();
    }

    @Test
    void noneAcceptsAnything() {
        registry.setGlobalCompatibility(CompatibilityLevel.NONE);
        registry.register("s", Passing.getClassSchema());
        registry.register("s", Schema.create(Schema.Type.STRING));
        assertThat(registry.getLatestSchemaMetadata("s").version()).isEqualTo(2);
    }

    @Test
    void notFoundsLookLikeTheRealRegistrys() {
        assertThatThrownBy(() -> registry.getSchemaById(9)).isInstanceOfSatisfying(SchemaNotFoundException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.getLatestSchemaMetadata("nope")).isInstanceOfSatisfying(SubjectNotFoundException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40401));
        registry.register("s", v());
        assertThatThrownBy(() -> registry.getId("s", v("x"))).isInstanceOf(SchemaNotFoundException.class);
    }
}
