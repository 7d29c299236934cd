package io.pitwall.publisher.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The latest manifest, state and analysis of every service: the publisher's only state, rebuilt from
 * the compacted topics at start. One thread writes (the topic follower) and tells the listeners in
 * order; any thread reads.
 */
public final class ServiceStore {

    private static final Comparator<ServiceSnapshot> DIRECTORY_ORDER =
            Comparator.comparingLong(ServiceSnapshot::startTime).reversed()
                    .thenComparing(ServiceSnapshot::name)
                    .thenComparing(ServiceSnapshot::uuid);

    private final Map<String, ServiceSnapshot> services = new ConcurrentHashMap<>();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final DefaultServiceSelector selector;
    private final ObjectMapper mapper;

    private volatile ServiceSnapshot defaultService;
    private volatile Directory directory;
    private volatile boolean ready;

    public ServiceStore(DefaultServiceSelector selector, ObjectMapper mapper) {
        this.selector = selector;
        this.mapper = mapper;
        this.directory = buildDirectory();
    }

    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    public Optional<ServiceSnapshot> get(String uuid) {
        return Optional.ofNullable(services.get(uuid));
    }

    public Collection<ServiceSnapshot> all() {
        return services.values();
    }

    /** The service the default routes follow right now, if any. */
    public Optional<ServiceSnapshot> defaultService() {
        ServiceSnapshot d = defaultService;
        return d == null ? Optional.empty() : Optional.ofNullable(services.get(d.uuid()));
    }

    public Directory directory() {
        return directory;
    }

    public int liveCount() {
        return (int) services.values().stream().filter(ServiceSnapshot::isLive).count();
    }

    /** True once the topics were read up to where they ended at start: before that the store is incomplete. */
    public boolean isReady() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }

    /** Writer thread only. */
    public void put(DocumentKind kind, String uuid, Document document) {
        Objects.requireNonNull(document);
        ServiceSnapshot previous = services.get(uuid);
        Document old = previous == null ? null : previous.document(kind);
        if (old != null && old.etag().equals(document.etag())) {
            // a producer re-sent the same document (a restart, a retry): nothing for clients to see
            return;
        }
        ServiceSnapshot current = (previous == null ? ServiceSnapshot.empty(uuid) : previous).with(kind, document);
        services.put(uuid, current);
        boolean defaultMoved = false;
        if (kind == DocumentKind.MANIFEST) {
            defaultMoved = reselectDefault();
            directory = buildDirectory();
        }
        for (StoreListener l : listeners) {
            l.documentChanged(current, kind);
        }
        if (defaultMoved) {
            announceDefault();
        }
    }

    /**
     * Writer thread only. A tombstone on any of the topics ends the service: the producer tombstones a
     * finished session's keys, and half a service (a manifest without a state) helps no client.
     */
    public void remove(String uuid) {
        ServiceSnapshot last = services.remove(uuid);
        if (last == null) {
            return;
        }
        boolean defaultMoved = reselectDefault();
        directory = buildDirectory();
        for (StoreListener l : listeners) {
            l.serviceRemoved(last);
        }
        if (defaultMoved) {
            announceDefault();
        }
    }

    /** Re-evaluates the default; true when it now points at a different service (or none). */
    private boolean reselectDefault() {
        ServiceSnapshot selected = selector.select(services.values()).orElse(null);
        String before = defaultService == null ? null : defaultService.uuid();
        defaultService = selected;
        return !Objects.equals(before, selected == null ? null : selected.uuid());
    }

    private void announceDefault() {
        ServiceSnapshot current = defaultService().orElse(null);
        for (StoreListener l : listeners) {
            l.defaultChanged(current);
        }
    }

    private Directory buildDirectory() {
        ObjectNode root = mapper.createObjectNode();
        ServiceSnapshot d = defaultService;
        if (d == null) {
            root.putNull("default");
        } else {
            root.put("default", d.uuid());
        }
        ArrayNode list = root.putArray("services");
        services.values().stream().filter(ServiceSnapshot::isLive).sorted(DIRECTORY_ORDER)
                .forEach(s -> list.add(s.manifest().json()));
        try {
            byte[] bytes = mapper.writeValueAsBytes(root);
            return new Directory(bytes, DocumentParser.etagOf(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a directory of parsed manifests always serializes", e);
        }
    }
}
