package io.pitwall.systemtest.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One pipeline shared by every test class of a test JVM that asks for it: broker + registry, a lap-processor
 * ({@code lap-processor}, application {@code system-test}) and a state publisher, started once (about 30-40 s
 * on the busy CI machine) and stopped when the whole run ends. Each test brings its own venue, ingest and
 * hardware, so tests do not see each other's sessions. A test may SIGKILL the shared lap-processor, but must
 * leave it running.
 *
 * <p>Use: {@code @ExtendWith(SharedPipeline.Resolver.class)} and a {@code SharedPipeline} parameter on the
 * {@code @BeforeAll} method. Its files (logs of every service) are kept under {@code target/shared-pipeline}.
 */
public final class SharedPipeline implements AutoCloseable {

    /** The shared lap-processor's {@code application.id}. */
    public static final String APPLICATION_ID = "system-test";

    private final PipelineCluster cluster;
    private final Services services;
    private final RaceControl raceControl;
    private final ServiceProcess processor;
    private final ServiceProcess publisher;

    private SharedPipeline(PipelineCluster cluster) {
        this.cluster = cluster;
        this.services = new Services(cluster);
        this.processor = services.lapProcessor("lap-processor", APPLICATION_ID).startAsync();
        this.publisher = services.statePublisher("state-publisher").startAsync();
        processor.awaitReady(Duration.ofSeconds(180));
        publisher.awaitReady(Duration.ofSeconds(180));
        this.raceControl = new RaceControl(cluster);
    }

    static SharedPipeline start() {
        Path dir = Path.of(System.getProperty("pitwall.module.dir", "."), "target", "shared-pipeline");
        deleteRecursively(dir);
        PipelineCluster cluster = PipelineCluster.start(dir);
        try {
            return new SharedPipeline(cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public PipelineCluster cluster() {
        return cluster;
    }

    /** The factory for this test's ingests (and further lap-processor instances); closed with the pipeline. */
    public Services services() {
        return services;
    }

    public RaceControl raceControl() {
        return raceControl;
    }

    /** The shared lap-processor (static member {@code lap-processor} of application {@code system-test}). */
    public ServiceProcess processor() {
        return processor;
    }

    public ServiceProcess publisher() {
        return publisher;
    }

    @Override
    public void close() {
        try {
            raceControl.close();
            services.close();
        } finally {
            cluster.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves a {@link SharedPipeline} parameter: the run's one pipeline, started on first use. */
    public static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedPipeline.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // the root store closes AutoCloseable values when the whole test run ends
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SharedPipeline.class, k -> start(), SharedPipeline.class);
        }
    }
}
