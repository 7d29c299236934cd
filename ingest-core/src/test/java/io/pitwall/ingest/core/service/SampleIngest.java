package io.pitwall.ingest.core.service;

import io.pitwall.ingest.core.backoff.BackoffFields;
import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.Validators;

/** A minimal ingest for bootstrap tests: one own option, one secret, the backoff options. */
class SampleIngest implements Ingest {

    static final ConfigField<Integer> LISTEN_PORT = ConfigField.integer("test.listen.port")
            .withDefault(61611)
            .withValidator(Validators.port())
            .withDescription("Port the hardware connects to");

    static final ConfigField<String> DECODER_PASSWORD = ConfigField.string("test.decoder.password")
            .secret()
            .withDescription("Password the decoder must send");

    volatile ServiceContext context;
    volatile boolean stopped;

    @Override
    public String name() {
        return "ingest-test";
    }

    @Override
    public String source() {
        return "TEST";
    }

    @Override
    public int defaultHttpPort() {
        return 9464;
    }

    @Override
    public ConfigFields fields() {
        return ConfigFields.of(LISTEN_PORT, DECODER_PASSWORD).and(BackoffFields.FIELDS);
    }

    @Override
    public void start(ServiceContext ctx) {
        this.context = ctx;
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
