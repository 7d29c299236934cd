package io.pitwall.deploy;

import java.util.List;

/**
 * What each overlay promises, checked against its rendering.
 *
 * @param name                 directory under k8s/overlays
 * @param namespace            where everything goes
 * @param replication          replicas of every topic (and default.replication.factor)
 * @param minInsyncReplicas    min.insync.replicas of the cluster
 * @param dedicatedControllers KRaft controllers in their own pool (else combined controller+broker nodes)
 * @param controllers          KRaft controller nodes
 * @param brokers              broker nodes
 */
record Overlay(String name, String namespace, int replication, int minInsyncReplicas, boolean dedicatedControllers,
               int controllers, int brokers) {

    static final Overlay DEV = new Overlay("dev", "pitwall-dev", 1, 1, false, 1, 1);
    static final Overlay PROD = new Overlay("prod", "pitwall", 3, 2, true, 3, 3);

    static List<Overlay> all() {
        return List.of(DEV, PROD);
    }

    @Override
    public String toString() {
        return name;
    }
}
