package io.rooms.spi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster as this node sees it, read-only: this node's id, the other nodes, the link to them
 * and its counters. One part of a {@link Cluster}; what {@code RoomsEngine#cluster()} gives an
 * application. Thread-safe.
 */
public interface ClusterView {

    /** This node's id, unique among the nodes sharing the cluster; letters and digits, no {@code '-'}. */
    String nodeId();

    /** The nodes sharing the cluster, this one included; for one node, just this one. */
    default CompletionStage<List<Node>> nodes() {
        return CompletableFuture.completedFuture(List.of(new Node(nodeId(), true)));
    }

    /** Whether the link to the other nodes is up now; always true for one node. */
    default boolean isConnected() {
        return true;
    }

    /** How many times the link to the other nodes was lost. */
    default long disconnects() {
        return 0;
    }

    /** Whether nodes other than this one may share rooms through this cluster. */
    boolean isShared();

    /**
     * How long a resume waits for another node to let go of a session it still holds: long enough
     * for a dead node to be noticed. Zero for one node.
     */
    default Duration takeOverTimeout() {
        return Duration.ZERO;
    }

    /** A node sharing the cluster, as this node sees it: alive while its heartbeats arrive. */
    record Node(String id, boolean alive) {}
}
