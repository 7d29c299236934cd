package io.pitwall.schemas.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves the value of {@code key.subject.name.strategy} / {@code value.subject.name.strategy}.
 * Accepts Confluent's class names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}),
 * so existing Confluent configurations work unchanged, the short names ({@code TopicNameStrategy},
 * {@code RecordNameStrategy}, {@code TopicRecordNameStrategy}), Pitwall's class names, and the class
 * name of any other {@link SubjectNameStrategy} implementation with a public no-argument constructor.
 */
public final class SubjectNameStrategies {

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";
    private static final Map<String, Class<? extends SubjectNameStrategy>> BUILT_IN = Map.of(
            "TopicNameStrategy", TopicNameStrategy.class,
            "RecordNameStrategy", RecordNameStrategy.class,
            "TopicRecordNameStrategy", TopicRecordNameStrategy.class);

    private SubjectNameStrategies() {
    }

    /**
     * @throws ConfigException when the name is neither built in nor a loadable implementation
     */
    public static SubjectNameStrategy forName(String name) {
        String trimmed = name == null ? "" : name.trim();
        String simple = trimmed;
        if (trimmed.startsWith(CONFLUENT_PACKAGE)) {
            simple = trimmed.substring(CONFLUENT_PACKAGE.length());
        } else if (trimmed.startsWith(SubjectNameStrategies.class.getPackageName() + ".")) {
            simple = trimmed.substring(SubjectNameStrategies.class.getPackageName().length() + 1);
        }
        Class<? extends SubjectNameStrategy> builtIn = BUILT_IN.get(simple);
        if (builtIn != null) {
            return instantiate(builtIn, trimmed);
        }
        if (trimmed.startsWith(CONFLUENT_PACKAGE)) {
            throw new ConfigException("Confluent subject name strategy '" + trimmed + "' is not supported;"
                    + " use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        }
        Class<?> custom;
        try {
            custom = Class.forName(trimmed, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException("Unknown subject name strategy '" + trimmed + "': use TopicNameStrategy,"
                    + " RecordNameStrategy, TopicRecordNameStrategy (short or Confluent class name) or the class"
                    + " name of a " + SubjectNameStrategy.class.getName() + " implementation");
        }
        if (!SubjectNameStrategy.class.isAssignableFrom(custom)) {
            throw new ConfigException("Subject name strategy class " + trimmed + " does not implement "
                    + SubjectNameStrategy.class.getName());
        }
        return instantiate(custom.asSubclass(SubjectNameStrategy.class), trimmed);
    }

    private static SubjectNameStrategy instantiate(Class<? extends SubjectNameStrategy> type, String configured) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ConfigException("Could not create subject name strategy " + configured + ": " + e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SubjectNameStrategies.class.getClassLoader();
    }
}
