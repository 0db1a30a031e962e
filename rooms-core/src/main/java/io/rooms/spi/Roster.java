package io.rooms.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Who is in which room, on every node: the read side of the registry that {@link Bus#join} and
 * {@link Bus#leave} change. One part of a {@link Cluster}. No method blocks for I/O. Thread-safe.
 */
public interface Roster {

    /** The members of {@code room}, most active first, each with its presence there. */
    CompletionStage<List<MemberInfo>> members(String room);

    /** Rooms with members on any node, by name. */
    CompletionStage<List<RoomSummary>> rooms();
}
