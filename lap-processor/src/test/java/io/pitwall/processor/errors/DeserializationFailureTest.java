package io.pitwall.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.schemas.registry.RegistryAuthException;
import io.pitwall.schemas.registry.RegistryErrorContext;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import io.pitwall.schemas.registry.SchemaNotFoundException;
import io.pitwall.schemas.registry.SchemaRegistryException;
import io.pitwall.schemas.serde.UnknownMagicByteException;
import java.io.EOFException;
import java.net.ConnectException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class DeserializationFailureTest {

    private static final String URL = "http://registry:8081";

    @Test
    void shouldCallRecordsThatCannotBeDecodedPoison() {
        assertThat(DeserializationFailure.of(new UnknownMagicByteException("timing.passings", new byte[] {'{', '"'})))
                .isEqualTo(DeserializationFailure.POISON);
        assertThat(DeserializationFailure.of(new SerializationException("cannot decode", new EOFException())))
                .isEqualTo(DeserializationFailure.POISON);
        assertThat(DeserializationFailure.of(new SchemaNotFoundException("Schema 987654 not found",
                new RegistryErrorContext(URL, null, 404, 40403, "Schema not found")))).isEqualTo(DeserializationFailure.POISON);
        assertThat(DeserializationFailure.POISON.deadLetter()).isTrue();
    }

    @Test
    void shouldNeverDeadLetterARecordBecauseTheRegistryIsDownOrRefusesUs() {
        SchemaRegistryException down = new RegistryUnavailableException("No schema registry URL answered",
                RegistryErrorContext.noResponse(URL, null), new ConnectException("refused"));
        SchemaRegistryException failing = new SchemaRegistryException("Registry failed",
                new RegistryErrorContext(URL, null, 503, 50301, "unavailable"));
        SchemaRegistryException refused = new RegistryAuthException("Credentials rejected",
                new RegistryErrorContext(URL, null, 401, 401, "Unauthorized"));

        assertThat(DeserializationFailure.of(new StreamsException("wrapped", down)))
                .isEqualTo(DeserializationFailure.REGISTRY_UNAVAILABLE);
        assertThat(DeserializationFailure.of(failing)).isEqualTo(DeserializationFailure.REGISTRY_UNAVAILABLE);
        assertThat(DeserializationFailure.of(refused)).isEqualTo(DeserializationFailure.REGISTRY_REFUSED);
        assertThat(DeserializationFailure.REGISTRY_UNAVAILABLE.deadLetter()).isFalse();
        assertThat(DeserializationFailure.REGISTRY_REFUSED.deadLetter()).isFalse();
    }
}
