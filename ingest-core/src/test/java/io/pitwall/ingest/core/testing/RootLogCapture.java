package io.pitwall.ingest.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Everything every logger writes while open, with exception traces, for assertions such as "no secret
 * appears in any log line". Pitwall's own loggers ({@code io.pitwall}) run at DEBUG meanwhile, so that a
 * secret in a debug line is caught too; libraries keep their configured levels.
 */
public final class RootLogCapture implements AutoCloseable {

    private static final String OWN_LOGGERS = "io.pitwall";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger own = (Logger) LoggerFactory.getLogger(OWN_LOGGERS);
    private final Level ownLevelBefore = own.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private RootLogCapture() {
        appender.start();
        root.addAppender(appender);
        own.setLevel(Level.DEBUG);
    }

    public static RootLogCapture start() {
        return new RootLogCapture();
    }

    /** Each event as "LEVEL logger - message" followed by its exception trace, if any. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(RootLogCapture::render).toList();
        }
    }

    /** All captured lines as one text. */
    public String text() {
        return lines().stream().collect(Collectors.joining("\n"));
    }

    private static String render(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? line
                : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        own.setLevel(ownLevelBefore);
    }
}
