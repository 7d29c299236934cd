package io.pitwall.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.embedded.junit.KafkaCluster;
import io.pitwall.embedded.junit.KafkaClusterExtension;
import io.pitwall.events.Passing;
import io.pitwall.schemas.registry.CachingSchemaRegistryClient;
import io.pitwall.schemas.registry.CompatibilityLevel;
import io.pitwall.schemas.registry.CompatibilityResult;
import io.pitwall.schemas.registry.RegisteredSchema;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.registry.SchemaRegistryClient;
import io.pitwall.schemas.registry.SubjectNotFoundException;
import io.pitwall.schemas.testing.KafkaIo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry client against the real registry's Confluent API: proves the request and answer
 * shapes match (Apicurio's ccompat API embedded, or Confluent Schema Registry in containers).
 */
@ExtendWith(KafkaClusterExtension.class)
class RegistryClientIT {

    @Test
    void everyCallWorksAgainstTheRealRegistry(KafkaCluster cluster) {
        SchemaRegistryClient registry = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
        String subject = KafkaIo.uniqueTopic("it.client") + "-value";

        int id = registry.register(subject, Passing.getClassSchema());
        assertThat(registry.register(subject, Passing.getClassSchema())).isEqualTo(id);
        SchemaRegistryClient fresh = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
        assertThat(fresh.getId(subject, Passing.getClassSchema())).isEqualTo(id);
        assertThat(SchemaNormalization.parsingFingerprint64(fresh.getSchemaById(id)))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(Passing.getClassSchema()));
        assertThat(registry.getAllSubjects()).contains(subject);

        fresh.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        assertThat(fresh.getCompatibility(subject)).contains(CompatibilityLevel.BACKWARD);
        assertThat(fresh.getGlobalCompatibility()).isNotNull();

        CompatibilityResult compatible = fresh.testCompatibility(subject, RegistryBehaviourIT.passingWithTrackTemperature());
        CompatibilityResult incompatible = fresh.testCompatibility(subject, RegistryBehaviourIT.passingWithRequiredWeather());
        assertThat(compatible.compatible()).isTrue();
        assertThat(incompatible.compatible()).isFalse();

        int v2 = fresh.register(subject, RegistryBehaviourIT.passingWithTrackTemperature());
        RegisteredSchema latest = fresh.getLatestSchemaMetadata(subject);
        assertThat(latest.id()).isEqualTo(v2);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.subject()).isEqualTo(subject);
        assertThat(latest.schema().getField("trackTemperature")).isNotNull();
    }

    /**
     * Services start side by side and each registers its schemas on first use: on a fresh registry
     * several register the same schema under the same new subject at the same moment. Apicurio
     * answers all but one of them 409 "already exists"; every caller must still get the id.
     */
    @Test
    void concurrentFirstRegistrationsOfOneSubjectAllGetTheSameId(KafkaCluster cluster) throws Exception {
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < 5; round++) {
                String subject = KafkaIo.uniqueTopic("it.race") + "-value";
                CyclicBarrier together = new CyclicBarrier(callers);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    // a client each, as each service has its own: no shared cache hides the race
                    SchemaRegistryClient client = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
                    ids.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return client.register(subject, Passing.getClassSchema());
                    }));
                }
                Set<Integer> distinct = new HashSet<>();
                for (Future<Integer> id : ids) {
                    distinct.add(id.get(60, TimeUnit.SECONDS));
                }
                SchemaRegistryClient fresh = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();
                // Apicurio may record the racing content as two versions; both carry the one id checked here
                assertThat(distinct).as("ids returned for subject %s", subject)
                        .containsExactly(fresh.getId(subject, Passing.getClassSchema()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void notFoundsAreTypedAgainstTheRealRegistry(KafkaCluster cluster) {
        SchemaRegistryClient registry = CachingSchemaRegistryClient.builder(cluster.schemaRegistryUrl()).build();

        assertThatThrownBy(() -> registry.getSchemaById(Integer.MAX_VALUE - 11))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id " + (Integer.MAX_VALUE - 11))
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> registry.getLatestSchemaMetadata(KafkaIo.uniqueTopic("it.none")))
                .isInstanceOf(SubjectNotFoundException.class);
    }
}
