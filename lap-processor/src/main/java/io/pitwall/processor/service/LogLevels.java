package io.pitwall.processor.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.pitwall.ingest.core.service.CommonFields;
import org.slf4j.LoggerFactory;

/** Applies {@code log.level} to the root logger when Logback is the backend. */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(CommonFields.LogLevel level) {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger logback) {
            logback.setLevel(Level.toLevel(level.name()));
        } else {
            LoggerFactory.getLogger(LogLevels.class).warn("log.level={} not applied: the logging backend is {}, not Logback",
                    level, root.getClass().getName());
        }
    }
}
