package io.pitwall.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.events.Passing;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectNameStrategiesTest {

    private static final Schema PASSING = Passing.getClassSchema();

    /** A custom strategy, as a user would write one. */
    public static final class VenuePrefixStrategy implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return "pitwall." + topic;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TopicNameStrategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy",
            "io.pitwall.schemas.serde.TopicNameStrategy", "  TopicNameStrategy "})
    void topicNameStrategyUnderEverySpelling(String name) {
        SubjectNameStrategy strategy = SubjectNameStrategies.forName(name);
        assertThat(strategy.subjectName("timing.passings", false, PASSING)).isEqualTo("timing.passings-value");
        assertThat(strategy.subjectName("timing.passings", true, PASSING)).isEqualTo("timing.passings-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RecordNameStrategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"})
    void recordNameStrategyUsesTheFullName(String name) {
        assertThat(SubjectNameStrategies.forName(name).subjectName("timing.passings", false, PASSING))
                .isEqualTo("io.pitwall.events.Passing");
    }

    @Test
    void topicRecordNameStrategyCombinesBoth() {
        assertThat(SubjectNameStrategies.forName("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                .subjectName("timing.passings", false, PASSING)).isEqualTo("timing.passings-io.pitwall.events.Passing");
    }

    @Test
    void customImplementationsAreLoadedByClassName() {
        assertThat(SubjectNameStrategies.forName(VenuePrefixStrategy.class.getName()).subjectName("t", false, PASSING))
                .isEqualTo("pitwall.t");
    }

    @Test
    void unknownNamesAreConfigErrorsListingTheChoices() {
        assertThatThrownBy(() -> SubjectNameStrategies.forName("TopicStrategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
        assertThatThrownBy(() -> SubjectNameStrategies.forName("io.confluent.kafka.serializers.subject.Fancy"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> SubjectNameStrategies.forName(String.class.getName()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not implement");
    }

    @Test
    void topicStrategiesNeedATopic() {
        assertThatThrownBy(() -> new TopicNameStrategy().subjectName(null, false, PASSING))
                .isInstanceOf(SerializationException.class).hasMessageContaining("io.pitwall.events.Passing");
    }
}
