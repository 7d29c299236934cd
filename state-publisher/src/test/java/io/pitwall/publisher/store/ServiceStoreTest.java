package io.pitwall.publisher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.publisher.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceStoreTest {

    private final DocumentParser parser = new DocumentParser(Fixtures.MAPPER);

    private Document doc(DocumentKind kind, JsonNode json) throws Exception {
        return parser.parse(kind, Fixtures.bytes(json), System.nanoTime(), 0);
    }

    private Document manifest(String uuid, String name, long startTime) throws Exception {
        ObjectNode m = Fixtures.manifest(Fixtures.ELMS, uuid, name);
        m.put("startTime", startTime);
        return doc(DocumentKind.MANIFEST, m);
    }

    @Test
    void parserRejectsWhatIsNotATiming71Document() {
        assertThatThrownBy(() -> parser.parse(DocumentKind.STATE, "not json".getBytes(StandardCharsets.UTF_8), 0, 0))
                .isInstanceOf(DocumentParser.InvalidDocumentException.class);
        assertThatThrownBy(() -> parser.parse(DocumentKind.STATE, "{\"session\":{}}".getBytes(StandardCharsets.UTF_8), 0, 0))
                .hasMessageContaining("cars");
        assertThatThrownBy(() -> parser.parse(DocumentKind.MANIFEST, "[1,2]".getBytes(StandardCharsets.UTF_8), 0, 0))
                .hasMessageContaining("object");
    }

    @Test
    void documentsAreCompactedAndTaggedByContent() throws Exception {
        String pretty = "{\n  \"cars\" : [ ],\n  \"session\" : { \"flagState\" : \"green\" }\n}";
        Document a = parser.parse(DocumentKind.STATE, pretty.getBytes(StandardCharsets.UTF_8), 0, 0);
        Document b = parser.parse(DocumentKind.STATE, pretty.replace("\n", "").getBytes(StandardCharsets.UTF_8), 0, 0);
        assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"cars\":[],\"session\":{\"flagState\":\"green\"}}");
        assertThat(a.etag()).isEqualTo(b.etag()).startsWith("\"").endsWith("\"");
    }

    @Test
    void theOnlyLiveServiceIsTheDefaultAndSeveralMeanNone() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
        List<String> defaults = new ArrayList<>();
        store.addListener(new Recorder(defaults));
        store.put(DocumentKind.MANIFEST, "a", manifest("a", "Venue A", 100));
        assertThat(store.defaultService()).map(ServiceSnapshot::uuid).contains("a");
        store.put(DocumentKind.MANIFEST, "b", manifest("b", "Venue B", 200));
        assertThat(store.defaultService()).isEmpty();
        store.remove("a");
        assertThat(store.defaultService()).map(ServiceSnapshot::uuid).contains("b");
        assertThat(defaults).containsExactly("a", null, "removed a", "b");
    }

    @Test
    void aConfiguredNameFollowsTheVenuesNewestSession() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector("Club Circuit"), Fixtures.MAPPER);
        store.put(DocumentKind.MANIFEST, "practice", manifest("practice", "Club Circuit", 1000));
        store.put(DocumentKind.MANIFEST, "other", manifest("other", "Elsewhere", 5000));
        assertThat(store.defaultService()).map(ServiceSnapshot::uuid).contains("practice");
        store.put(DocumentKind.MANIFEST, "race", manifest("race", "club circuit", 2000));
        assertThat(store.defaultService()).map(ServiceSnapshot::uuid).contains("race");
    }

    @Test
    void aConfiguredUuidWins() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector("b"), Fixtures.MAPPER);
        store.put(DocumentKind.MANIFEST, "a", manifest("a", "A", 1));
        assertThat(store.defaultService()).isEmpty();
        store.put(DocumentKind.MANIFEST, "b", manifest("b", "B", 1));
        assertThat(store.defaultService()).map(ServiceSnapshot::uuid).contains("b");
    }

    @Test
    void directoryListsServicesWithAManifestNewestFirst() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
        store.put(DocumentKind.STATE, "orphan", doc(DocumentKind.STATE, Fixtures.state(Fixtures.ELMS)));
        store.put(DocumentKind.MANIFEST, "old", manifest("old", "Old", 100));
        store.put(DocumentKind.MANIFEST, "new", manifest("new", "New", 200));
        JsonNode dir = Fixtures.MAPPER.readTree(store.directory().bytes());
        assertThat(dir.path("services")).extracting(s -> s.path("uuid").asText()).containsExactly("new", "old");
        assertThat(dir.path("default").isNull()).isTrue();
        String etag = store.directory().etag();
        store.put(DocumentKind.STATE, "new", doc(DocumentKind.STATE, Fixtures.state(Fixtures.ELMS)));
        assertThat(store.directory().etag()).as("states do not change the directory").isEqualTo(etag);
    }

    @Test
    void aTombstoneEndsTheServiceAndListenersHearOfIt() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
        List<String> events = new ArrayList<>();
        store.addListener(new Recorder(events));
        store.put(DocumentKind.MANIFEST, "a", manifest("a", "A", 1));
        store.put(DocumentKind.STATE, "a", doc(DocumentKind.STATE, Fixtures.state(Fixtures.ELMS)));
        store.remove("a");
        assertThat(store.get("a")).isEmpty();
        assertThat(store.liveCount()).isZero();
        assertThat(events).contains("removed a");
    }

    @Test
    void theSameDocumentTwiceIsNotAChange() throws Exception {
        ServiceStore store = new ServiceStore(new DefaultServiceSelector(""), Fixtures.MAPPER);
        List<String> events = new ArrayList<>();
        store.addListener(new Recorder(events));
        store.put(DocumentKind.STATE, "a", doc(DocumentKind.STATE, Fixtures.state(Fixtures.ELMS)));
        store.put(DocumentKind.STATE, "a", doc(DocumentKind.STATE, Fixtures.state(Fixtures.ELMS)));
        assertThat(events).containsExactly("STATE a");
    }

    private record Recorder(List<String> out) implements StoreListener {
        @Override
        public void documentChanged(ServiceSnapshot current, DocumentKind kind) {
            if (kind == DocumentKind.STATE) {
                out.add("STATE " + current.uuid());
            }
        }

        @Override
        public void serviceRemoved(ServiceSnapshot last) {
            out.add("removed " + last.uuid());
        }

        @Override
        public void defaultChanged(ServiceSnapshot current) {
            out.add(current == null ? null : current.uuid());
        }
    }
}
