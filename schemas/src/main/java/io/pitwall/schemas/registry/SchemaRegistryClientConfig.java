package io.pitwall.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every option of the schema registry client, declared once with type, default, validation and
 * documentation. Keys are Confluent's wherever Confluent has one, so the same properties file
 * configures a Confluent client and a Pitwall one. The serde config
 * ({@code io.pitwall.schemas.serde.PitwallAvroSerdeConfig}) includes all of them.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** URL scheme of the in-memory registry for unit tests, as in Confluent's serde. */
    public static final String MOCK_SCHEME = "mock://";

    private static final String GROUP = "Schema registry";

    private static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    public SchemaRegistryClientConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected SchemaRegistryClientConfig(ConfigDef definition, Map<?, ?> originals) {
        // doLog=false: serdes are configured many times per process; Kafka logs the client configs already
        super(definition, originals, false);
        validateCredentials();
    }

    /** A copy of the client's definitions, for configs that extend it. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    /** Adds the client's options to a definition. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.LambdaValidator.with(SchemaRegistryClientConfig::validateUrls,
                                () -> "non-empty list of http(s) URLs, or one mock://<scope>"),
                        Importance.HIGH,
                        "Comma-separated list of schema registry base URLs, tried in order when one does not answer."
                                + " For Apicurio Registry include the Confluent-compatible API path,"
                                + " e.g. http://localhost:8080/apis/ccompat/v7. URLs may carry credentials"
                                + " (https://user:secret@host). mock://<scope> selects an in-memory registry for unit tests.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Registry URLs")
                .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, CredentialsSource.URL.name(),
                        ConfigDef.CaseInsensitiveValidString.in(CredentialsSource.URL.name(), CredentialsSource.USER_INFO.name()),
                        Importance.MEDIUM,
                        "Where HTTP basic-auth credentials come from: URL (the user info of each schema.registry.url)"
                                + " or USER_INFO (basic.auth.user.info). Confluent's SASL_INHERIT is not supported.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Credentials source")
                .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                        "Basic-auth credentials as username:password, used when basic.auth.credentials.source=USER_INFO.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "User info")
                .define(CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How long to wait for a TCP/TLS connection to one registry URL before trying the next.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Connect timeout")
                .define(REQUEST_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How long to wait for the answer to one registry request.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Request timeout")
                .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Retries of a call that failed for a passing reason (no URL reachable, HTTP 5xx or 429)."
                                + " 4xx answers are never retried.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Retries")
                .define(RETRIES_WAIT_MS, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Wait before the first retry; doubled before each further retry.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Retry wait")
                .define(RETRIES_MAX_WAIT_MS, Type.INT, 2000, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Upper bound of the wait before any retry.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Retry max wait")
                .define(MAX_SCHEMAS_PER_SUBJECT, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Size bound of each client-side cache (schemas by id, ids by subject and schema).",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Cache size")
                .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.LOW,
                        "Trust store for https registry URLs; the JVM's default trust store when unset.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Trust store")
                .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the trust store.", GROUP, ++order, ConfigDef.Width.MEDIUM, "Trust store password")
                .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW,
                        "Type of the trust store (JKS or PKCS12).", GROUP, ++order, ConfigDef.Width.SHORT, "Trust store type")
                .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW,
                        "Key store with the client certificate, for registries that require mutual TLS.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Key store")
                .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the key store.", GROUP, ++order, ConfigDef.Width.MEDIUM, "Key store password")
                .define(SSL_KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW,
                        "Type of the key store (JKS or PKCS12).", GROUP, ++order, ConfigDef.Width.SHORT, "Key store type")
                .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the private key in the key store, if it differs from the key store password.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Key password");
    }

    public List<String> urls() {
        return getList(URL);
    }

    /** True when {@code schema.registry.url} selects the in-memory registry ({@code mock://scope}). */
    public boolean isMock() {
        return urls().size() == 1 && urls().get(0).trim().startsWith(MOCK_SCHEME);
    }

    /** The scope name of a {@code mock://scope} URL. */
    public String mockScope() {
        return urls().get(0).trim().substring(MOCK_SCHEME.length());
    }

    public CredentialsSource credentialsSource() {
        return CredentialsSource.valueOf(getString(BASIC_AUTH_CREDENTIALS_SOURCE).toUpperCase(Locale.ROOT));
    }

    public Optional<BasicCredentials> userInfo() {
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        if (userInfo == null || userInfo.value().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BasicCredentials.parseUserInfo(userInfo.value()));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS));
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(MAX_RETRIES),
                Duration.ofMillis(getInt(RETRIES_WAIT_MS)), Duration.ofMillis(getInt(RETRIES_MAX_WAIT_MS)));
    }

    public int cacheCapacity() {
        return getInt(MAX_SCHEMAS_PER_SUBJECT);
    }

    /** The TLS context for https URLs when a trust or key store is configured. */
    public Optional<SSLContext> sslContext() {
        String trustStore = getString(SSL_TRUSTSTORE_LOCATION);
        String keyStore = getString(SSL_KEYSTORE_LOCATION);
        if (isBlank(trustStore) && isBlank(keyStore)) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory tmf = null;
            if (!isBlank(trustStore)) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore, getString(SSL_TRUSTSTORE_TYPE), getPassword(SSL_TRUSTSTORE_PASSWORD), SSL_TRUSTSTORE_LOCATION));
            }
            KeyManagerFactory kmf = null;
            if (!isBlank(keyStore)) {
                Password storePassword = getPassword(SSL_KEYSTORE_PASSWORD);
                Password keyPassword = getPassword(SSL_KEY_PASSWORD) != null ? getPassword(SSL_KEY_PASSWORD) : storePassword;
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore, getString(SSL_KEYSTORE_TYPE), storePassword, SSL_KEYSTORE_LOCATION),
                        keyPassword == null ? null : keyPassword.value().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Could not set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password, String key) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.value().toCharArray());
            return store;
        } catch (IOException e) {
            throw new ConfigException(key, location, "cannot read the " + type + " store: " + e.getMessage());
        }
    }

    private void validateCredentials() {
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        if (credentialsSource() == CredentialsSource.USER_INFO && userInfo != null
                && !userInfo.value().isEmpty() && userInfo.value().indexOf(':') < 0) {
            // the value is a secret: never echo it
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must have the form username:password");
        }
    }

    private static void validateUrls(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) value;
        if (urls == null || urls.stream().allMatch(String::isBlank)) {
            throw new ConfigException(name + ": give at least one schema registry URL");
        }
        boolean mock = urls.stream().anyMatch(u -> u.trim().startsWith(MOCK_SCHEME));
        if (mock) {
            if (urls.size() != 1) {
                throw new ConfigException(name + ": a mock:// URL cannot be combined with other URLs");
            }
            return;
        }
        for (String url : urls) {
            try {
                RegistryEndpoint.parse(url);
            } catch (IllegalArgumentException e) {
                // the message already has credentials removed; the value itself must not be echoed
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
