package io.rooms;

/** Live counters of a {@link RoomsEngine}, for metrics. Thread-safe; values may be slightly stale. */
public interface EngineStats {
    int connections();

    int rooms();

    long messagesIn();

    long messagesOut();

    long stateSaves();

    long stateSavesSkipped();

    long storeFailures();

    long errors(ErrorCode code);

    /** Resume attempts that ended with {@code outcome}. */
    long recoveries(Recovery outcome);

    /** Relay replayed to resumed members. */
    long replayed();

    /** Relay kept for resuming, in all rooms (on this node's in-memory bus; 0 when the bus keeps them elsewhere). */
    long historySize();

    /** Cluster operations that failed (the node then served its own members alone); 0 without a cluster. */
    long clusterFailures();

    /**
     * Presence updates that went out to the bus, or with {@code coalesced} those replaced by a later
     * one of the same member before their turn came, and never sent.
     */
    long presenceUpdates(boolean coalesced);
}
