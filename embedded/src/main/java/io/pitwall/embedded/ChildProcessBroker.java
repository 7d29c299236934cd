package io.pitwall.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A combined broker+controller in a child JVM ({@code kafka.Kafka server.properties}) on this JVM's
 * own classpath, so no Kafka distribution is needed. It can be SIGKILLed for fault-injection tests,
 * and it exits by itself when this JVM goes away.
 */
final class ChildProcessBroker implements RunningBroker {

    static final String LOG_FILE = "broker.log";
    static final String LOGBACK_FILE = "broker-logback.xml";

    /**
     * Small heap and the serial collector: a single-node broker for one venue's timing needs little.
     * C1 only, because child mode is what crash tests restart over and over: on a busy 2-core machine
     * it starts in about half the time of full tiered compilation. A long-running broker that must push
     * high throughput should be given options without {@code -XX:TieredStopAtLevel=1}.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    private final ChildJvm child;

    private ChildProcessBroker(ChildJvm child) {
        this.child = child;
    }

    static ChildProcessBroker start(Path dataDir, Path serverProperties, List<String> jvmOptions) {
        Path agent = WatchdogJar.writeInto(dataDir);
        Path logback = writeLogbackConfig(dataDir);
        ChildJvm child = ChildJvm.builder("Kafka broker")
                .jvmOptions(jvmOptions)
                // used if logback is the SLF4J binding on the classpath, ignored otherwise
                .systemProperty("logback.configurationFile", logback.toAbsolutePath().toString())
                .mainClass(System.getProperty("java.class.path"), "kafka.Kafka")
                .arguments(List.of(serverProperties.toAbsolutePath().toString()))
                .workingDirectory(dataDir)
                .logFile(dataDir.resolve(LOG_FILE))
                .watchdogAgentJar(agent)
                .start();
        return new ChildProcessBroker(child);
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    @Override
    public void stop(Duration grace) {
        child.stop(grace);
    }

    @Override
    public void kill() {
        child.kill();
    }

    @Override
    public String describe() {
        return "child process pid " + child.pid();
    }

    @Override
    public OptionalLong residentSetSizeBytes() {
        return child.residentSetSizeBytes();
    }

    @Override
    public String diagnostics() {
        String exit = child.isAlive() ? "still running" : "exited with code " + child.exitCode();
        return "broker " + exit + "; last lines of " + child.logFile() + ":" + System.lineSeparator() + child.logTail(40);
    }

    /**
     * The broker's log file should say when it started and stopped and what went wrong, without the
     * thousand lines of INFO a Kafka start prints.
     */
    private static Path writeLogbackConfig(Path dataDir) {
        String xml = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="kafka" level="WARN"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <logger name="kafka.server.BrokerServer" level="INFO"/>
                  <logger name="kafka.server.ControllerServer" level="INFO"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        Path file = dataDir.resolve(LOGBACK_FILE);
        try {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }
}
