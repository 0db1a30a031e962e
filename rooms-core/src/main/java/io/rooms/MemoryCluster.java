package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterView;
import io.rooms.spi.Roster;
import io.rooms.spi.Scheduler;
import io.rooms.spi.SessionStore;

/**
 * The cluster of a server on its own, and the default: its bus, roster and sessions in memory.
 * Like Centrifuge's {@code MemoryBroker}, it serves one node only. Thread-safe.
 */
final class MemoryCluster implements Cluster, ClusterView {
    private final String node;
    private final MemoryBus bus;
    private final MemorySessionStore sessions;

    MemoryCluster(String node, Scheduler clock, ResumeSettings resume) {
        this.node = node;
        this.bus = new MemoryBus(clock, resume);
        this.sessions = new MemorySessionStore(clock, resume);
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public Roster roster() {
        return bus;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public ClusterView view() {
        return this;
    }

    @Override
    public String nodeId() {
        return node;
    }

    @Override
    public boolean isShared() {
        return false;
    }

    /** Forgets what the resume window no longer covers. */
    void sweep() {
        sessions.sweep();
        bus.sweep();
    }

    /** Relay kept for resuming, in all rooms. */
    long historySize() {
        return bus.historySize();
    }

    @Override
    public void close() {
        bus.close();
    }
}
