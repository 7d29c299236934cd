package io.pitwall.ingest.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pitwall.ingest.core.config.ConfigException;
import io.pitwall.ingest.core.config.ConfigProblem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle's exit statuses, messages and log lines, driven with a fake service: no JVM shutdown hook is
 * registered, the test runs the hook thread itself as a SIGTERM would.
 */
class ServiceLifecycleTest {

    private static final long LIVENESS_SECONDS = 30;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Thread> hooks = new CopyOnWriteArrayList<>();
    private final ServiceLifecycle lifecycle = new ServiceLifecycle(hooks::add);
    private final FakeService service = new FakeService();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger serviceLogger;
    private volatile CompletableFuture<Integer> status;

    @BeforeEach
    void captureTheServiceLog() {
        serviceLogger = (Logger) LoggerFactory.getLogger(FakeService.class);
        logged.start();
        serviceLogger.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        serviceLogger.detachAppender(logged);
    }

    @Test
    void helpPrintsTheServicesHelpAndExitsZeroWithoutLoadingTheConfiguration() {
        assertThat(run("--http.port=bad", "--help")).isEqualTo(ServiceLifecycle.EXIT_OK);

        assertThat(out()).isEqualTo("Usage: fake-service [options]\n");
        assertThat(err()).isEmpty();
        assertThat(service.configurationsLoaded).hasValue(0);
        assertThat(service.created).isEmpty();
        assertThat(hooks).isEmpty();
    }

    @Test
    void invalidConfigurationPrintsEveryProblemAfterTheServiceNameAndExitsTwo() {
        assertThat(run("--bad", "--worse")).isEqualTo(ServiceLifecycle.EXIT_CONFIG);

        assertThat(err()).startsWith("fake-service: Invalid configuration (2 problems):")
                .contains("bad = 'yes' (command line): not a good option")
                .contains("worse = 'yes' (command line): not a good option");
        assertThat(out()).isEmpty();
        assertThat(service.created).isEmpty();
        assertThat(hooks).isEmpty();
    }

    @Test
    void theLogLevelIsAppliedBeforeTheServiceIsCreated() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        service.logLevel = CommonFields.LogLevel.WARN;
        service.startFailure = new IllegalStateException("stop here");
        try {
            run();
            assertThat(service.rootLevelAtCreate).isEqualTo(Level.WARN);
        } finally {
            root.setLevel(before);
        }
    }

    @Test
    void aStartFailureIsLoggedClosesWhatWasCreatedAndExitsOne() {
        service.startFailure = new IllegalStateException("port 8080 in use");

        assertThat(run()).isEqualTo(ServiceLifecycle.EXIT_FAILED);

        ILoggingEvent error = onlyError();
        assertThat(error.getFormattedMessage()).isEqualTo("fake-service failed to start");
        assertThat(error.getThrowableProxy().getMessage()).isEqualTo("port 8080 in use");
        assertThat(service.only().closes).hasValue(1);
        // hooked before start: a SIGTERM while starting (e.g. waiting for Kafka) must close it too
        assertThat(service.only().hooksWhenStarted).isEqualTo(1);
    }

    @Test
    void aFailureToCreateTheServiceIsAStartFailure() {
        service.createFailure = new IllegalArgumentException("unreadable kafka.config");

        assertThat(run()).isEqualTo(ServiceLifecycle.EXIT_FAILED);

        assertThat(onlyError().getFormattedMessage()).isEqualTo("fake-service failed to start");
        assertThat(hooks).isEmpty();
    }

    @Test
    void aFatalFailureWhileRunningIsLoggedClosesTheServiceAndExitsOne() throws Exception {
        CompletableFuture<Integer> status = runInBackground();
        FakeInstance instance = service.awaitStarted();
        assertThat(status).isNotDone();

        instance.fatal.complete("Kafka Streams failed (see above)");

        assertThat(status.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServiceLifecycle.EXIT_FAILED);
        assertThat(onlyError().getFormattedMessage()).isEqualTo("fake-service stopping: Kafka Streams failed (see above)");
        assertThat(instance.closes).hasValue(1);
    }

    @Test
    void aShutdownSignalClosesTheServiceAndExitsZeroOnceItIsClosed() throws Exception {
        CompletableFuture<Integer> status = runInBackground();
        FakeInstance instance = service.awaitStarted();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).getName()).isEqualTo("fake-service-shutdown");
        assertThat(status).isNotDone();

        hooks.get(0).start();
        hooks.get(0).join(TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));

        assertThat(status.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServiceLifecycle.EXIT_OK);
        assertThat(instance.closes).hasValue(1);
        assertThat(instance.lifecycleReturnedDuringClose).as("returned before the service was closed").isFalse();
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    @Test
    void aFatalFailureAfterTheShutdownSignalDoesNotChangeTheCleanExit() throws Exception {
        CompletableFuture<Integer> status = runInBackground();
        FakeInstance instance = service.awaitStarted();
        hooks.get(0).run();
        // e.g. Kafka Streams reporting ERROR while it is being closed
        instance.fatal.complete("late failure");

        assertThat(status.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServiceLifecycle.EXIT_OK);
        assertThat(instance.closes).hasValue(1);
    }

    private int run(String... args) {
        return lifecycle.execute(service, args, print(out), print(err));
    }

    private CompletableFuture<Integer> runInBackground() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        status = result;
        Thread main = new Thread(() -> result.complete(run()), "fake-main");
        main.setDaemon(true);
        main.start();
        return result;
    }

    private ILoggingEvent onlyError() {
        List<ILoggingEvent> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** Options {@code --bad} and {@code --worse} are invalid; everything else is accepted. */
    private final class FakeService implements ServiceLifecycle.Definition<List<String>> {

        final AtomicInteger configurationsLoaded = new AtomicInteger();
        final List<FakeInstance> created = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile CommonFields.LogLevel logLevel;
        volatile Level rootLevelAtCreate;
        volatile Exception createFailure;
        volatile Exception startFailure;

        @Override
        public String name() {
            return "fake-service";
        }

        @Override
        public String help() {
            return "Usage: fake-service [options]\n";
        }

        @Override
        public List<String> loadConfiguration(String[] args) {
            configurationsLoaded.incrementAndGet();
            List<ConfigProblem> problems = new ArrayList<>();
            for (String option : List.of("bad", "worse")) {
                if (Arrays.asList(args).contains("--" + option)) {
                    problems.add(new ConfigProblem(option, "command line", "yes", "not a good option"));
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return List.of(args);
        }

        @Override
        public Optional<CommonFields.LogLevel> logLevel(List<String> config) {
            return Optional.ofNullable(logLevel);
        }

        @Override
        public ServiceLifecycle.Instance create(List<String> config) throws Exception {
            rootLevelAtCreate = ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).getLevel();
            if (createFailure != null) {
                throw createFailure;
            }
            FakeInstance instance = new FakeInstance(this);
            created.add(instance);
            return instance;
        }

        FakeInstance only() {
            assertThat(created).hasSize(1);
            return created.get(0);
        }

        FakeInstance awaitStarted() throws InterruptedException {
            assertThat(started.await(LIVENESS_SECONDS, TimeUnit.SECONDS)).as("service started").isTrue();
            return only();
        }
    }

    private final class FakeInstance implements ServiceLifecycle.Instance {

        final FakeService service;
        final CompletableFuture<String> fatal = new CompletableFuture<>();
        final AtomicInteger closes = new AtomicInteger();
        volatile int hooksWhenStarted = -1;
        volatile boolean lifecycleReturnedDuringClose;

        FakeInstance(FakeService service) {
            this.service = service;
        }

        @Override
        public void start() throws Exception {
            hooksWhenStarted = hooks.size();
            if (service.startFailure != null) {
                throw service.startFailure;
            }
            service.started.countDown();
        }

        @Override
        public CompletionStage<String> fatalFailure() {
            return fatal;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            // closing takes a while (Kafka commits, connections drain): the process must not exit meanwhile
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lifecycleReturnedDuringClose |= status != null && status.isDone();
        }
    }
}
