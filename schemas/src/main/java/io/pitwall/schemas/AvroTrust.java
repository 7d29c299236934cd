package io.pitwall.schemas;

import io.pitwall.schemas.catalog.TopicSpec;
import io.pitwall.schemas.catalog.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Makes sure Avro is allowed to instantiate Pitwall's generated classes, without switching Avro's
 * protection off.
 *
 * <h2>What Avro 1.12 checks</h2>
 * Whenever Avro turns a class <em>name</em> into a class ({@code org.apache.avro.util.ClassUtils.forName},
 * which is how {@code SpecificData.getClass(Schema)} finds the generated class of a record or enum
 * while a {@code SpecificDatumReader} reads), it asks {@link ClassSecurityValidator#getGlobal()}
 * whether the class is trusted and throws {@link SecurityException} ("Forbidden ... This class is not
 * trusted") otherwise. The default predicate trusts a fixed list of {@code java.lang}/{@code java.math}
 * classes plus the classes and packages named in the system properties
 * {@code org.apache.avro.SERIALIZABLE_CLASSES} and {@code org.apache.avro.SERIALIZABLE_PACKAGES}
 * (comma-separated; a package entry {@code io.pitwall} trusts every class whose name starts with
 * {@code io.pitwall.}; {@code *} trusts everything and must not be used). Avro reads these
 * properties <b>once</b>, when {@code ClassSecurityValidator} is first initialised; setting them
 * later has no effect.
 *
 * <p>So any JVM that deserializes into generated classes ({@code specific.avro.reader=true}, Kafka
 * Streams serdes) needs {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.pitwall} (the parent POM
 * passes it to test JVMs and the launcher to services). Writing records and reading
 * {@code GenericRecord}s never resolve classes by name and work without it.
 *
 * <h2>What services call</h2>
 * {@link #trustPitwallPackages()} first thing in {@code main}: adds {@code io.pitwall} to the property
 * when it is missing (effective only if Avro has not read it yet), then verifies like
 * {@link #requirePitwallPackagesTrusted()}, which fails fast with a message that says what to do.
 */
public final class AvroTrust {

    public static final String SERIALIZABLE_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String PITWALL_PACKAGE = "io.pitwall";

    private AvroTrust() {
    }

    /**
     * Adds {@value #PITWALL_PACKAGE} to {@value #SERIALIZABLE_PACKAGES_PROPERTY} unless it is there,
     * then checks that Avro trusts every generated event class.
     *
     * @throws IllegalStateException when Avro still does not trust them (it read the property
     *                               before this call, or a custom validator is installed)
     */
    public static void trustPitwallPackages() {
        String current = System.getProperty(SERIALIZABLE_PACKAGES_PROPERTY);
        if (!lists(current, PITWALL_PACKAGE)) {
            System.setProperty(SERIALIZABLE_PACKAGES_PROPERTY,
                    current == null || current.isBlank() ? PITWALL_PACKAGE : current + "," + PITWALL_PACKAGE);
        }
        requirePitwallPackagesTrusted();
    }

    /**
     * Checks that Avro trusts every generated class of every catalogue schema (the records and the
     * enums and records nested in them), exactly as Avro will check them when reading.
     *
     * @throws IllegalStateException naming the first untrusted class and how to fix it
     */
    public static void requirePitwallPackagesTrusted() {
        for (TopicSpec topic : Topics.ALL) {
            topic.avroSchema().ifPresent(schema -> requireTrusted(schema, AvroTrust.class.getClassLoader()));
        }
    }

    /**
     * Checks that Avro trusts the generated classes of a schema's named types that are on the class
     * path (named types without a generated class are read generically and need no trust).
     *
     * @throws IllegalStateException naming the first untrusted class and how to fix it
     */
    public static void requireTrusted(Schema schema, ClassLoader loader) {
        List<String> untrusted = untrustedClasses(schema, loader);
        if (!untrusted.isEmpty()) {
            throw new IllegalStateException(untrustedMessage(untrusted.get(0)));
        }
    }

    /** Generated classes of the schema's named types that Avro would refuse, in schema order. */
    public static List<String> untrustedClasses(Schema schema, ClassLoader loader) {
        List<String> untrusted = new ArrayList<>();
        collectUntrusted(schema, loader, new HashSet<>(), untrusted);
        return untrusted;
    }

    /** The message for a class Avro refuses: what happened and how to fix it. */
    public static String untrustedMessage(String className) {
        String current = System.getProperty(SERIALIZABLE_PACKAGES_PROPERTY);
        String state = current == null ? "unset" : "'" + current + "'";
        String why = lists(current, PITWALL_PACKAGE)
                ? "The property lists " + PITWALL_PACKAGE + " now, but Avro read it before it was set (Avro reads it once,"
                        + " when its ClassSecurityValidator is first used), or a custom validator is installed."
                : "Avro reads the property only once, when its ClassSecurityValidator is first used.";
        return "Avro refuses to instantiate " + className + ": its package is not trusted by Avro's"
                + " ClassSecurityValidator (" + SERIALIZABLE_PACKAGES_PROPERTY + " is " + state + "). " + why
                + " Start the JVM with -D" + SERIALIZABLE_PACKAGES_PROPERTY + "=" + PITWALL_PACKAGE
                + " (added to any existing list), or call io.pitwall.schemas.AvroTrust.trustPitwallPackages()"
                + " first thing in main, before anything uses Avro. Do not use '*': it switches the protection off.";
    }

    private static void collectUntrusted(Schema schema, ClassLoader loader, Set<String> seen, List<String> untrusted) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                checkClass(SpecificData.getClassName(schema), loader, untrusted);
                if (schema.getType() == Schema.Type.RECORD) {
                    schema.getFields().forEach(f -> collectUntrusted(f.schema(), loader, seen, untrusted));
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUntrusted(t, loader, seen, untrusted));
            case ARRAY -> collectUntrusted(schema.getElementType(), loader, seen, untrusted);
            case MAP -> collectUntrusted(schema.getValueType(), loader, seen, untrusted);
            default -> {
                // primitives: nothing to instantiate
            }
        }
    }

    private static void checkClass(String className, ClassLoader loader, List<String> untrusted) {
        Class<?> type;
        try {
            // initialize=false, as Avro does: loading must not run the class's static code
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError noGeneratedClass) {
            return;
        }
        if (!ClassSecurityValidator.getGlobal().isTrusted(type)) {
            untrusted.add(className);
        }
    }

    private static boolean lists(String property, String pkg) {
        return property != null && Arrays.stream(property.split(",")).map(String::trim).anyMatch(pkg::equals);
    }
}
