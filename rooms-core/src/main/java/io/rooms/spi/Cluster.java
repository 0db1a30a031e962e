package io.rooms.spi;

/**
 * What the nodes of a cluster share, in four narrow parts: the {@link Bus} every room event goes
 * through, the {@link Roster} of who is where, the {@link SessionStore} that lets a client resume
 * on any node, and a read-only {@link ClusterView}. The engine's default keeps all four in memory,
 * for one node; {@code RedisCluster} shares them through Redis. Thread-safe.
 */
public interface Cluster extends AutoCloseable {

    Bus bus();

    Roster roster();

    SessionStore sessions();

    ClusterView view();

    /** Leaves the cluster: closes the bus (removing this node's members), then any connection. */
    @Override
    void close();
}
