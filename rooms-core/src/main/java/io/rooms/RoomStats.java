package io.rooms;

/** Live counters of a {@link RoomsEngine}, for metrics. Thread-safe; values may be slightly stale. */
public interface RoomStats {
    int connections();

    int rooms();

    long messagesIn();

    long messagesOut();

    long stateSaves();

    long stateSavesSkipped();

    long storeFailures();

    long errors(ErrorCode code);

    /** Cluster operations that failed (the node then served its own members alone); 0 without a cluster. */
    long clusterFailures();
}
