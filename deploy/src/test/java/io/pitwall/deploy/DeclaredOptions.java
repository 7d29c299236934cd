package io.pitwall.deploy;

import io.pitwall.ingest.core.config.ConfigField;
import io.pitwall.ingest.core.config.ConfigFields;
import io.pitwall.ingest.core.config.ConfigLoader;
import io.pitwall.ingest.core.config.Passthrough;
import io.pitwall.ingest.core.service.Ingest;
import io.pitwall.ingest.core.service.IngestService;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a service declares, read from its own code: which environment variables and config-file
 * keys it accepts, and the defaults of its options. What {@code --help} prints, without starting a process.
 *
 * <p>Services are read by reflection, so a service that is still being written (a class renamed or missing)
 * makes its own checks skip with a reason instead of breaking the build of this module.
 */
final class DeclaredOptions {

    /** Read by the JVM or the java launcher, not by a service: allowed everywhere. */
    static final Set<String> JVM_ENV = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

    private final String service;
    /** option name -> env variable name, default (null if none) */
    private final Map<String, String[]> options;
    private final ConfigFields fields; // null for the state publisher, which declares a list of PublisherOption
    private final String envPrefix;

    private DeclaredOptions(String service, Map<String, String[]> options, ConfigFields fields, String envPrefix) {
        this.service = service;
        this.options = options;
        this.fields = fields;
        this.envPrefix = envPrefix;
    }

    /**
     * Where each service declares its options. An ingest is an {@link Ingest}, asked through
     * {@link IngestService#fields()} (its own options plus ingest-core's common ones, with its defaults); the lap
     * processor and the state publisher keep theirs in a constant.
     */
    static final Map<String, String> DECLARED_BY = Map.of(
            "ingest-lapsnapper", "io.pitwall.ingest.lapsnapper.LapSnapperIngest",
            "ingest-ctp01", "io.pitwall.ingest.ctp01.Ctp01Ingest",
            "ingest-chronocloud", "io.pitwall.ingest.chronocloud.ChronoCloudIngest",
            "ingest-smartrace", "io.pitwall.ingest.smartrace.SmartraceIngest",
            "lap-processor", "io.pitwall.processor.service.LapProcessorOptions#FIELDS",
            "state-publisher", "io.pitwall.publisher.config.PublisherConfig#ALL");

    static Optional<DeclaredOptions> of(PitwallService service) {
        String declaredBy = DECLARED_BY.get(service.module());
        if (declaredBy == null) {
            return Optional.empty();
        }
        try {
            if (service.module().startsWith("ingest-")) {
                Class<?> type = Class.forName(declaredBy, false, DeclaredOptions.class.getClassLoader());
                Ingest ingest = (Ingest) type.getDeclaredConstructor().newInstance();
                return Optional.of(fromFields(service.module(), IngestService.of(ingest).fields(), ingest.envPrefix()));
            }
            String[] classAndField = declaredBy.split("#");
            Object declared = staticField(classAndField[0], classAndField[1]);
            return Optional.of(declared instanceof ConfigFields fields
                    ? fromFields(service.module(), fields, "")
                    : fromPublisher(service.module(), (List<?>) declared));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static DeclaredOptions fromFields(String service, ConfigFields fields, String envPrefix) {
        Map<String, String[]> options = new LinkedHashMap<>();
        for (ConfigField<?> field : fields) {
            String def = field.defaultValue().map(v -> format(field, v)).orElse(null);
            options.put(field.name(), new String[] {field.envName(envPrefix), def});
        }
        return new DeclaredOptions(service, options, fields, envPrefix);
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(ConfigField<T> field, Object value) {
        return field.type().format((T) value);
    }

    /** {@code PublisherConfig.ALL}: records with name(), env(), defaultValue(). */
    private static DeclaredOptions fromPublisher(String service, List<?> all) throws ReflectiveOperationException {
        Map<String, String[]> options = new LinkedHashMap<>();
        for (Object option : all) {
            Method name = option.getClass().getMethod("name");
            Method env = option.getClass().getMethod("env");
            Method def = option.getClass().getMethod("defaultValue");
            String value = (String) def.invoke(option);
            options.put((String) name.invoke(option), new String[] {(String) env.invoke(option), value.isEmpty() ? null : value});
        }
        return new DeclaredOptions(service, options, null, "");
    }

    private static Object staticField(String className, String field) throws ReflectiveOperationException {
        return Class.forName(className, true, DeclaredOptions.class.getClassLoader()).getField(field).get(null);
    }

    String service() {
        return service;
    }

    /** Whether the service reads this environment variable (an option, a passthrough such as KAFKA_*, its config file). */
    boolean acceptsEnv(String name) {
        if (JVM_ENV.contains(name) || options.values().stream().anyMatch(o -> o[0].equals(name))) {
            return true;
        }
        if (fields == null) {
            return false;
        }
        if (name.equals(ConfigLoader.CONFIG_FILE_ENV)) {
            return true;
        }
        for (Passthrough p : fields.passthroughs()) {
            String stem = p.envStem(envPrefix);
            if (name.startsWith(stem) && name.length() > stem.length()) {
                String key = name.substring(stem.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (p.knownKey().test(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a key of a properties file given with --config / PITWALL_CONFIG_FILE is an option of the service. */
    boolean acceptsFileKey(String key) {
        if (fields == null) {
            return false; // the state publisher declares a plain option list: its file keys are not checked here
        }
        return fields.find(key).isPresent() || fields.passthroughFor(key).isPresent();
    }

    boolean readsConfigFile() {
        return fields != null;
    }

    /** The default of an option, as the service prints it. */
    Optional<String> defaultOf(String optionName) {
        String[] option = options.get(optionName);
        return option == null ? Optional.empty() : Optional.ofNullable(option[1]);
    }

    Optional<String> envOf(String optionName) {
        String[] option = options.get(optionName);
        return option == null ? Optional.empty() : Optional.of(option[0]);
    }

    /** The option whose environment variable this is. */
    Optional<String> optionOfEnv(String env) {
        return options.entrySet().stream().filter(e -> e.getValue()[0].equals(env)).map(Map.Entry::getKey).findFirst();
    }
}
