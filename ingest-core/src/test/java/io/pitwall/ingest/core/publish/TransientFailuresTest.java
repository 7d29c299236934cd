package io.pitwall.ingest.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.schemas.registry.IncompatibleSchemaException;
import io.pitwall.schemas.registry.RegistryErrorContext;
import io.pitwall.schemas.registry.RegistryUnavailableException;
import io.pitwall.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void registryUnreachableIsTransient() {
        RegistryErrorContext context = RegistryErrorContext.noResponse("http://registry:8081", "timing.passings-value");
        assertThat(TransientFailures.isTransient(new RegistryUnavailableException("no registry answered", context,
                new ConnectException("refused")))).isTrue();
    }

    @Test
    void registryVerdictsAboutTheDataAreNot() {
        RegistryErrorContext context = RegistryErrorContext.noResponse("http://registry:8081", "timing.passings-value");
        assertThat(TransientFailures.isTransient(new IncompatibleSchemaException("incompatible", context))).isFalse();
        // the registry's own verdict wins over an I/O exception somewhere below it
        assertThat(TransientFailures.isTransient(new SchemaRegistryException("bad", context, new IOException("x"))))
                .isFalse();
    }

    @Test
    void ioFailuresAnywhereInTheChainAreTransient() {
        assertThat(TransientFailures.isTransient(new SerializationException("x", new HttpTimeoutException("slow")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new java.io.UncheckedIOException(new IOException())))).isTrue();
    }

    @Test
    void plainEncodingErrorsAreNot() {
        assertThat(TransientFailures.isTransient(new SerializationException("null in non-null field"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    }
}
