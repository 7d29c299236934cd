package io.pitwall.schemas.registry;

import static io.pitwall.schemas.testing.StubRegistryServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.embedded.Ports;
import io.pitwall.events.DecoderStatus;
import io.pitwall.events.Passing;
import io.pitwall.schemas.testing.StubRegistryServer;
import io.pitwall.schemas.testing.StubRegistryServer.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private static final String SUBJECT = "timing.passings-value";
    private static final Schema PASSING = Passing.getClassSchema();

    private StubRegistryServer stub;

    @BeforeEach
    void startStub() {
        stub = StubRegistryServer.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private CachingSchemaRegistryClient client() {
        return CachingSchemaRegistryClient.builder(stub.url()).retryPolicy(RetryPolicy.NONE).build();
    }

    @Test
    void registerPostsTheSchemaAsConfluentJsonAndReturnsTheId() {
        int id = client().register(SUBJECT, PASSING);

        assertThat(id).isEqualTo(1);
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/apis/ccompat/v7/subjects/timing.passings-value/versions");
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.json().fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(request.json().get("schema").asText())).isEqualTo(PASSING);
    }

    @Test
    void registerAndGetIdAreCachedPerSubjectAndSchema() {
        CachingSchemaRegistryClient client = client();
        int first = client.register(SUBJECT, PASSING);
        int again = client.register(SUBJECT, PASSING);
        int lookedUp = client.getId(SUBJECT, PASSING);
        Schema byId = client.getSchemaById(first);

        assertThat(again).isEqualTo(first);
        assertThat(lookedUp).isEqualTo(first);
        assertThat(byId).isEqualTo(PASSING);
        assertThat(stub.requestCount()).as("only the first register goes over HTTP").isEqualTo(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectIsAskedForAgain() {
        CachingSchemaRegistryClient client = client();
        int a = client.register(SUBJECT, PASSING);
        int b = client.register("io.pitwall.events.Passing", PASSING);

        assertThat(b).isEqualTo(a);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void getSchemaByIdParsesAndCaches() {
        int id = stub.registry().register(SUBJECT, PASSING);
        CachingSchemaRegistryClient client = client();

        assertThat(client.getSchemaById(id)).isEqualTo(PASSING);
        assertThat(client.getSchemaById(id)).isEqualTo(PASSING);
        assertThat(stub.requests()).hasSize(1);
        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/schemas/ids/" + id);
    }

    @Test
    void getIdLooksUpWithoutRegistering() {
        int id = stub.registry().register(SUBJECT, PASSING);

        assertThat(client().getId(SUBJECT, PASSING)).isEqualTo(id);
        assertThat(stub.requests().get(0).method()).isEqualTo("POST");
        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/subjects/timing.passings-value");
    }

    @Test
    void unknownSchemaIdIsSchemaNotFoundNamingIdAndUrl() {
        SchemaNotFoundException e = catchThrowableOfType(SchemaNotFoundException.class, () -> client().getSchemaById(42));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(40403);
        assertThat(e.isRetriable()).isFalse();
        assertThat(e.getMessage())
                .contains("schema id 42")
                .contains("registry " + stub.url())
                .contains("HTTP 404")
                .contains("error_code 40403");
    }

    @Test
    void schemaNotRegisteredUnderSubjectIsSchemaNotFound() {
        stub.registry().register(SUBJECT, DecoderStatus.getClassSchema());

        SchemaNotFoundException e = catchThrowableOfType(SchemaNotFoundException.class, () -> client().getId(SUBJECT, PASSING));
        assertThat(e.subject()).isEqualTo(SUBJECT);
        assertThat(e.getMessage()).contains("subject '" + SUBJECT + "'").contains("io.pitwall.events.Passing");
    }

    @Test
    void unknownSubjectIsSubjectNotFound() {
        SubjectNotFoundException e = catchThrowableOfType(SubjectNotFoundException.class,
                () -> client().getLatestSchemaMetadata("nope-value"));
        assertThat(e.errorCode()).isEqualTo(40401);
        assertThat(e.getMessage()).contains("subject 'nope-value'").contains("does not exist");
    }

    @Test
    void incompatibleSchemaIs409WithTheRegistryMessage() {
        stub.respond("POST", "/subjects/[^/]+/versions", 409,
                error(409, "Schema being registered is incompatible with an earlier schema"));

        IncompatibleSchemaException e = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> client().register(SUBJECT, PASSING));

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(409);
        assertThat(e.registryMessage()).isEqualTo("Schema being registered is incompatible with an earlier schema");
        assertThat(e.getMessage())
                .contains("register schema io.pitwall.events.Passing")
                .contains("subject '" + SUBJECT + "'")
                .contains("registry " + stub.url())
                .contains("incompatible with an earlier schema");
        assertThat(stub.requests()).extracting(RecordedRequest::rawPath)
                .as("the 409 is not retried; the lookup that tells a race from a refusal finds nothing")
                .containsExactly("/apis/ccompat/v7/subjects/timing.passings-value/versions",
                        "/apis/ccompat/v7/subjects/timing.passings-value");
    }

    @Test
    void a409FromAConcurrentFirstRegistrationTakesTheIdTheOtherCallerRegistered() {
        // another service won the race: the schema is registered, and this caller's POST lost with 409
        int registeredByTheOther = stub.registry().register(SUBJECT, PASSING);
        stub.respondTimes(1, "POST", "/subjects/[^/]+/versions", 409,
                error(409, "Artifact with ID 'timing.passings-value' in group 'null' already exists."));
        CachingSchemaRegistryClient client = client();

        int id = client.register(SUBJECT, PASSING);

        assertThat(id).isEqualTo(registeredByTheOther);
        List<RecordedRequest> requests = stub.requests();
        assertThat(requests).extracting(r -> r.method() + " " + r.rawPath()).containsExactly(
                "POST /apis/ccompat/v7/subjects/timing.passings-value/versions",
                "POST /apis/ccompat/v7/subjects/timing.passings-value");
        assertThat(new Schema.Parser().parse(requests.get(1).json().get("schema").asText())).isEqualTo(PASSING);
        assertThat(client.register(SUBJECT, PASSING)).as("cached like any registration").isEqualTo(id);
        assertThat(client.getSchemaById(id)).isEqualTo(PASSING);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void a409WhenTheSubjectHoldsAnotherSchemaStaysIncompatible() {
        stub.registry().register(SUBJECT, DecoderStatus.getClassSchema());
        stub.respondTimes(1, "POST", "/subjects/[^/]+/versions", 409, error(409, "already exists"));

        IncompatibleSchemaException e = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> client().register(SUBJECT, PASSING));

        assertThat(e.httpStatus()).as("the registration's own answer, not the lookup's 404").isEqualTo(409);
        assertThat(e.getMessage()).contains("register schema io.pitwall.events.Passing").contains("already exists");
        assertThat(e.isRetriable()).isFalse();
    }

    @Test
    void aLookupThatFailsAfterA409ReportsThatFailureWithTheRefusalAttached() {
        stub.respondTimes(1, "POST", "/subjects/[^/]+/versions", 409, error(409, "already exists"));
        stub.respond("POST", "/subjects/[^/]+", 503, error(50003, "Error while forwarding the request to the leader"));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client().register(SUBJECT, PASSING));

        assertThat(e).isNotInstanceOf(IncompatibleSchemaException.class);
        assertThat(e.isRetriable()).as("a producer waits for the registry instead of dropping the record").isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("after the registry refused to register it");
        assertThat(e.getSuppressed()).singleElement().isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void incompatibleChangeIsRefusedByTheRegistrysOwnCheck() {
        stub.registry().register(SUBJECT, PASSING);
        Schema withRequiredField = SchemaBuilder.record("Passing").namespace("io.pitwall.events").fields()
                .requiredString("venueId").requiredString("weather").endRecord();

        assertThatThrownBy(() -> client().register(SUBJECT, withRequiredField))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("weather");
    }

    @Test
    void unauthorizedIsRegistryAuthException() {
        stub.requireBasicAuth("fred", "secret");

        RegistryAuthException e = catchThrowableOfType(RegistryAuthException.class, () -> client().getSchemaById(1));
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("rejected the credentials").contains("basic.auth.user.info")
                .contains(stub.url());
    }

    @Test
    void forbiddenIsRegistryAuthException() {
        stub.respond("PUT", "/config", 403, error(40301, "User is denied operation Write on Subject"));

        RegistryAuthException e = catchThrowableOfType(RegistryAuthException.class,
                () -> client().setGlobalCompatibility(CompatibilityLevel.FULL));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("denied").contains("PUT /config").contains("User is denied operation");
    }

    @Test
    void basicAuthFromUserInfoIsSentOnEveryRequest() {
        stub.requireBasicAuth("fred", "pa:ss");
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(stub.url())
                .basicAuth("fred", "pa:ss").retryPolicy(RetryPolicy.NONE).build();

        client.register(SUBJECT, PASSING);
        client.getAllSubjects();

        assertThat(stub.requests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Basic ZnJlZDpwYTpzcw==", "Basic ZnJlZDpwYTpzcw==");
    }

    @Test
    void basicAuthFromTheUrlIsPercentDecodedAndNeverShownInMessages() {
        stub.requireBasicAuth("fred", "p@ss w");
        String url = "http://fred:p%40ss%20w@127.0.0.1:" + stub.port() + StubRegistryServer.BASE_PATH;
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(url).retryPolicy(RetryPolicy.NONE).build();

        client.register(SUBJECT, PASSING);
        SchemaNotFoundException e = catchThrowableOfType(SchemaNotFoundException.class, () -> client.getSchemaById(99));

        assertThat(stub.requests().get(0).header("Authorization")).isEqualTo("Basic ZnJlZDpwQHNzIHc=");
        assertThat(client.describeEndpoint()).isEqualTo(stub.url());
        assertThat(e.getMessage()).contains(stub.url()).doesNotContain("fred").doesNotContain("p%40ss").doesNotContain("p@ss");
    }

    @Test
    void userInfoSourceOverridesCredentialsInTheUrl() {
        stub.requireBasicAuth("alice", "right");
        String url = "http://fred:wrong@127.0.0.1:" + stub.port() + StubRegistryServer.BASE_PATH;
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(url)
                .basicAuth("alice", "right").retryPolicy(RetryPolicy.NONE).build();

        assertThat(client.getAllSubjects()).isEmpty();
    }

    @Test
    void noAuthorizationHeaderWithoutCredentials() {
        client().getAllSubjects();
        assertThat(stub.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void connectionRefusedIsRegistryUnavailableNamingUrlAndSubject() {
        String deadUrl = "http://127.0.0.1:" + Ports.findFree() + "/apis/ccompat/v7";
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(deadUrl)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2))).build();

        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.register(SUBJECT, PASSING));

        assertThat(e.isRetriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NONE);
        assertThat(e.registryUrl()).isEqualTo(deadUrl);
        assertThat(e.getMessage())
                .contains("no schema registry answered at " + deadUrl)
                .contains("3 attempts")
                .contains("connection refused")
                .contains("subject '" + SUBJECT + "'");
    }

    @Test
    void requestTimeoutIsRegistryUnavailable() {
        stub.delayResponses(Duration.ofMillis(1500));
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(stub.url())
                .requestTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.NONE).build();

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("no response within the request timeout")
                .hasMessageContaining(stub.url());
    }

    @Test
    void failsOverToTheNextUrlAndStaysThere() {
        String dead = "http://127.0.0.1:" + Ports.findFree() + "/apis/ccompat/v7";
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(dead + "," + stub.url())
                .retryPolicy(RetryPolicy.NONE).build();

        assertThat(client.register(SUBJECT, PASSING)).isEqualTo(1);
        assertThat(client.getAllSubjects()).containsExactly(SUBJECT);
        assertThat(client.describeEndpoint()).isEqualTo(dead + "," + stub.url());
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void everyUrlIsNamedWhenNoneAnswers() {
        String a = "http://127.0.0.1:" + Ports.findFree();
        String b = "http://127.0.0.1:" + Ports.findFree() + "/sr";
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(List.of(a, b))
                .retryPolicy(RetryPolicy.NONE).build();

        assertThatThrownBy(client::getAllSubjects)
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining(a + "," + b);
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() {
        stub.respondTimes(2, "GET", "/subjects", 503, error(50003, "Error while forwarding the request to the leader"));
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(stub.url())
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5))).build();

        assertThat(client.getAllSubjects()).isEmpty();
        assertThat(stub.requestCount()).isEqualTo(3);
    }

    @Test
    void persistentServerErrorIsRetriableAndShowsTheRegistryMessage() {
        stub.respond("GET", "/subjects", 500, error(50001, "Error in the backend data store"));
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(stub.url())
                .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))).build();

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, client::getAllSubjects);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.errorCode()).isEqualTo(50001);
        assertThat(e.getMessage()).contains("server error").contains("Error in the backend data store");
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void aNotFoundWithoutErrorBodyHintsAtTheUrl() {
        String withoutApiPath = "http://127.0.0.1:" + stub.port();
        CachingSchemaRegistryClient client = CachingSchemaRegistryClient.builder(withoutApiPath)
                .retryPolicy(RetryPolicy.NONE).build();

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getSchemaById(1));
        assertThat(e).isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(e.getMessage()).contains("/apis/ccompat/v7").contains("schema.registry.url").contains("Not Found");
    }

    @Test
    void subjectsArePercentEncodedAsOnePathSegment() {
        client().register("a/b c+ä", PASSING);
        assertThat(stub.requests().get(0).rawPath())
                .isEqualTo("/apis/ccompat/v7/subjects/a%2Fb%20c%2B%C3%A4/versions");
        assertThat(stub.registry().getAllSubjects()).containsExactly("a/b c+ä");
    }

    @Test
    void latestVersionCarriesIdVersionAndSchema() {
        stub.registry().register(SUBJECT, DecoderStatus.getClassSchema());
        int id = stub.registry().register(SUBJECT, evolvedDecoderStatus());

        RegisteredSchema latest = client().getLatestSchemaMetadata(SUBJECT);

        assertThat(latest).isEqualTo(new RegisteredSchema(SUBJECT, id, 2, evolvedDecoderStatus()));
    }

    @Test
    void latestVersionIsNeverCached() {
        stub.registry().register(SUBJECT, PASSING);
        CachingSchemaRegistryClient client = client();
        client.getLatestSchemaMetadata(SUBJECT);
        client.getLatestSchemaMetadata(SUBJECT);
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void compatibilityTestReportsTheVerdict() {
        stub.registry().register(SUBJECT, DecoderStatus.getClassSchema());
        CachingSchemaRegistryClient client = client();

        CompatibilityResult good = client.testCompatibility(SUBJECT, evolvedDecoderStatus());
        CompatibilityResult bad = client.testCompatibility(SUBJECT, SchemaBuilder.record("DecoderStatus")
                .namespace("io.pitwall.events").fields().requiredString("venueId").requiredLong("newCounter").endRecord());

        assertThat(good.compatible()).isTrue();
        assertThat(bad.compatible()).isFalse();
        assertThat(bad.messages()).anyMatch(m -> m.contains("newCounter"));
        assertThat(stub.requests().get(0).rawPath())
                .isEqualTo("/apis/ccompat/v7/compatibility/subjects/timing.passings-value/versions/latest");
        assertThat(stub.requests().get(0).query()).isEqualTo("verbose=true");
    }

    @Test
    void compatibilityLevelsAreReadAndSet() {
        CachingSchemaRegistryClient client = client();

        assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.getCompatibility(SUBJECT)).isEmpty();
        client.setCompatibility(SUBJECT, CompatibilityLevel.FULL_TRANSITIVE);
        client.setGlobalCompatibility(CompatibilityLevel.NONE);

        assertThat(client.getCompatibility(SUBJECT)).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(stub.requests("PUT", "/config/" + SUBJECT).get(0).body()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    }

    @Test
    void listsSubjects() {
        stub.registry().register("b-value", PASSING);
        stub.registry().register("a-value", DecoderStatus.getClassSchema());
        assertThat(client().getAllSubjects()).containsExactly("b-value", "a-value");
    }

    @Test
    void refusesNonAvroSchemas() {
        stub.respond("GET", "/schemas/ids/5", 200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");
        assertThatThrownBy(() -> client().getSchemaById(5))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("PROTOBUF")
                .hasMessageContaining("Avro only");
    }

    @Test
    void refusesSchemaReferences() {
        stub.respond("GET", "/schemas/ids/6", 200,
                "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
        assertThatThrownBy(() -> client().getSchemaById(6))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("schema references");
    }

    @Test
    void answerThatIsNotJsonIsReported() {
        stub.respond("GET", "/subjects", 200, "<html>proxy login</html>");
        assertThatThrownBy(() -> client().getAllSubjects())
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("proxy login");
    }

    @Test
    void invalidUrlsAreRejectedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> CachingSchemaRegistryClient.builder("ftp://fred:secret@host/x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://")
                .hasMessageNotContaining("secret");
    }

    @Test
    void basicCredentialsNeverPrintThePassword() {
        assertThat(new BasicCredentials("fred", "secret").toString()).doesNotContain("secret").contains("fred");
    }

    static Schema evolvedDecoderStatus() {
        return SchemaBuilder.record("DecoderStatus").namespace("io.pitwall.events").fields()
                .requiredString("venueId")
                .name("firmware").type().stringType().stringDefault("unknown")
                .endRecord();
    }
}
