package io.pitwall.systemtest.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs in the {@link SharedPipeline} of its test JVM: extend it and use {@link #pipeline}.
 * Each test still brings its own venue, ingest and hardware.
 */
@ExtendWith(SharedPipeline.Resolver.class)
public abstract class SharedPipelineTest {

    protected static SharedPipeline pipeline;

    @BeforeAll
    static void useSharedPipeline(SharedPipeline shared) {
        pipeline = shared;
    }
}
