package io.rooms.spi;

import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Links one server to the other nodes of a cluster: a registry of every room's members in activity
 * order, and a broker that carries room streams and node-addressed messages between nodes. Without
 * one, a server is a cluster of one and keeps everything in memory.
 *
 * <p>Contract the core relies on:
 * <ul>
 *   <li>Every room has one stream, ordered the same for every node. {@link #join}, {@link #leave}
 *       and {@link #publishToRoom} append to it atomically with the change they make, and number
 *       their entries with a per-room sequence that only grows.</li>
 *   <li>A node that has {@link #subscribe subscribed} to a room gets every later entry of its
 *       stream, its own included, once, through {@link Listener#onMessage}.</li>
 *   <li>Messages a node sends with {@link #sendToNode} reach that node after everything the
 *       sender appended before, in the order sent.</li>
 * </ul>
 * No method blocks for I/O; failures complete the stage exceptionally, with a
 * {@link ClusterUnavailableException} when the operation was certainly not carried out.
 */
public interface Cluster extends AutoCloseable {

    /** This node's id, unique in the cluster; the prefix of its clients' ids. No {@code '-'} in it. */
    String nodeId();

    /** Starts delivering to {@code listener}; called once, before anything else. */
    void start(Listener listener);

    /** Starts receiving {@code room}'s stream; completes once later entries will arrive. */
    CompletionStage<Void> subscribe(String room);

    /** Stops receiving {@code room}'s stream. */
    void unsubscribe(String room);

    /**
     * Adds {@code member} to {@code room} unless it already has {@code maxRoomSize} members (0: no
     * limit), atomically across nodes, and appends a {@link ClusterMessage.Kind#JOINED} entry
     * carrying {@code announce}.
     */
    CompletionStage<Admission> join(String room, MemberInfo member, int maxRoomSize, String announce);

    /** Removes {@code memberId} from {@code room} and appends a {@link ClusterMessage.Kind#LEFT} entry carrying {@code frame}. */
    CompletionStage<Void> leave(String room, String memberId, String frame);

    /**
     * Appends {@code message} to its room's stream; with {@code promote}, first moves its member to
     * the front of the room's activity order.
     */
    CompletionStage<Published> publishToRoom(ClusterMessage message, boolean promote);

    /** Sends {@code message} to {@code node}; with {@code promote}, first promotes its member in its room. */
    CompletionStage<Published> sendToNode(String node, ClusterMessage message, boolean promote);

    /** The members of {@code room}, most active first. */
    CompletionStage<List<MemberInfo>> members(String room);

    /** Rooms with members anywhere in the cluster. */
    CompletionStage<List<RoomSummary>> rooms();

    /**
     * Makes the registry agree with this node's own members, after it lost them (an outage, or the
     * others took it for dead): re-adds the missing ones, announcing them, and removes the ones that
     * left meanwhile, announcing that too.
     */
    CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom);

    /** Whether the node's link to the cluster is up now. */
    boolean isConnected();

    /** How many times the link to the cluster was lost. */
    long disconnects();

    /** Removes this node's remaining members from the registry, announcing it, then disconnects. */
    @Override
    void close();

    /** What the cluster delivers to a node. Called from the cluster's threads; must not block. */
    interface Listener {
        void onMessage(ClusterMessage message);

        /** The registry may have lost this node's members; answer with {@link #resync}. */
        void onResyncNeeded();
    }

    /** The outcome of {@link #join}: admitted or not, the entry's sequence and the members in order. */
    record Admission(boolean admitted, long seq, List<MemberInfo> members) {
        public Admission {
            members = List.copyOf(members);
        }
    }

    /**
     * The outcome of a publish.
     *
     * @param seq the room's sequence number it got
     * @param count for {@link #publishToRoom}, how many members the room has; for {@link #sendToNode},
     *     how many nodes received it (0: no such node)
     */
    record Published(long seq, int count) {}
}
