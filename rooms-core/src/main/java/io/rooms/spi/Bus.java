package io.rooms.spi;

import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The seam every room event goes through: a registry of each room's members in activity order,
 * and a broker that carries {@link BusEvent}s. The core's default, {@code io.rooms.internal.MemoryBus},
 * keeps one node's rooms in memory; a cluster implements the same interface over a shared server.
 * There is one delivery path: the core publishes every join, leave and message here and delivers
 * what comes back to its own members.
 *
 * <p>Contract the core relies on (checked by the bus contract suite for every implementation):
 * <ul>
 *   <li>Every room has one stream of room events, in the same order for every node.
 *       {@link #join}, {@link #leave} and {@link #publish} append to it atomically with the change
 *       they make, and number their entries with a sequence that only grows.</li>
 *   <li>A node that has {@link #subscribe subscribed} to a room gets every later entry of its
 *       stream, its own included, exactly once, through {@link Listener#onEvent}.</li>
 *   <li>Node events reach the target member's node after everything the sender appended before.</li>
 *   <li>Member ids are the node's id, a {@code '-'} and a suffix with no {@code '-'}: see {@link #nodeOf}.</li>
 *   <li>A room's numbers go up by one from event to event: a client that saw number N misses
 *       nothing if it gets every event after N ({@link #since}). A room's first number is the
 *       microseconds of the bus's clock, so numbers keep growing even where the bus forgot the room.</li>
 * </ul>
 * No method blocks for I/O; failures complete the stage exceptionally, with a
 * {@link BusUnavailableException} when the operation was certainly not carried out. Thread-safe.
 */
public interface Bus extends AutoCloseable {

    /** This node's id, unique among the nodes sharing the bus; no {@code '-'} in it. */
    String nodeId();

    /** Starts delivering to {@code listener}; called once, before anything else. */
    void start(Listener listener);

    /** Starts receiving {@code room}'s stream; completes once later entries will arrive. */
    CompletionStage<Void> subscribe(String room);

    /** Stops receiving {@code room}'s stream. */
    void unsubscribe(String room);

    /**
     * Adds {@code member} at the back of {@code room}'s activity order unless the room already has
     * {@code capacity} members (0: no limit), atomically across nodes, and appends a
     * {@link BusEvent.Joined}.
     */
    CompletionStage<Admission> join(String room, MemberInfo member, int capacity);

    /** Removes {@code memberId} from {@code room} and appends a {@link BusEvent.Left}; nothing if it is not there. */
    CompletionStage<Void> leave(String room, String memberId);

    /**
     * Appends {@code said} to its room's stream or, with {@code to}, sends it to that member's node
     * if it is a member of the room. With {@code promote}, first moves the sender to the front.
     *
     * @return the sequence it got and how many received it: the room's size, or for {@code to} 1,
     *     or 0 when no such member is in the room
     */
    CompletionStage<Delivery> publish(BusEvent.Said said);

    /**
     * As {@link #publish(BusEvent.Said)}, and records {@code ref} as accepted in {@code session} with
     * it, so that a client resuming that session on another node, even after this one died, is not
     * delivered the same message twice. A bus of one node need not record anything: the node keeps
     * its sessions' refs itself.
     */
    default CompletionStage<Delivery> publish(BusEvent.Said said, String session, String ref) {
        return publish(said);
    }

    /** The refs {@link #publish(BusEvent.Said, String, String)} recorded for {@code session}. */
    default CompletionStage<java.util.Set<String>> acceptedRefs(String session) {
        return java.util.concurrent.CompletableFuture.completedFuture(java.util.Set.of());
    }

    /**
     * Sends a node event to its target's node; {@link BusEvent.StateGiven#promote} promotes first. A
     * {@link BusEvent.Removed} or {@link BusEvent.Replaced} is sent only if its target is a member of
     * the room: otherwise it completes with no recipients.
     */
    CompletionStage<Delivery> send(BusEvent.NodeEvent event);

    /**
     * Has every node close the sockets of {@code user} ({@link Listener#onDisconnectUser}); completes
     * with how many were closed on all the nodes that answered within the bus's command time-out.
     */
    CompletionStage<Integer> disconnectUser(String user);

    /**
     * The room events numbered after {@code after}, in order, when the bus still holds every one of
     * them; empty when it does not (too far behind, or a number this room never gave). Only events
     * that went to the whole room are kept: {@link BusEvent.Joined}, {@link BusEvent.Left} and
     * {@link BusEvent.Said} without {@code to}, for the resume window.
     */
    CompletionStage<java.util.Optional<List<BusEvent>>> since(String room, long after);

    /** Keeps {@code session} (replacing an earlier record of it); an ended one for the resume window. */
    CompletionStage<Void> putSession(Session session);

    /**
     * The session {@code id}, while the bus keeps it: at least the resume window after it ended (the
     * caller checks the window).
     */
    CompletionStage<java.util.Optional<Session>> session(String id);

    /** The members of {@code room}, most active first. */
    CompletionStage<List<MemberInfo>> members(String room);

    /** Rooms with members on any node. */
    CompletionStage<List<RoomSummary>> rooms();

    /**
     * Makes the registry agree with this node's own members, after it may have lost them (an
     * outage, or the others took this node for dead): re-adds the missing ones and removes the ones
     * gone meanwhile, appending {@link BusEvent.Joined} and {@link BusEvent.Left} for each.
     */
    CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom);

    /**
     * How long a resume waits for another node to let go of a session it still holds: long enough
     * for a dead node to be noticed. Zero for one node.
     */
    default java.time.Duration takeOverTimeout() {
        return java.time.Duration.ZERO;
    }

    /** A node sharing the bus, as the bus sees it: alive while its heartbeats arrive. */
    record Node(String id, boolean alive) {}

    /** The nodes sharing this bus, this one included; for one node, just this one. */
    default CompletionStage<List<Node>> nodes() {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of(new Node(nodeId(), true)));
    }

    /** Whether the link to the other nodes is up now; always true for one node. */
    default boolean isConnected() {
        return true;
    }

    /** How many times the link to the other nodes was lost. */
    default long disconnects() {
        return 0;
    }

    /** Whether nodes other than this one may share rooms through this bus. */
    default boolean isShared() {
        return true;
    }

    /** Removes this node's remaining members, announcing it, then lets go of any connection. */
    @Override
    void close();

    /** The node that gave out {@code memberId}: what precedes its last {@code '-'}; null if none does. */
    static String nodeOf(String memberId) {
        int dash = memberId.lastIndexOf('-');
        return dash > 0 ? memberId.substring(0, dash) : null;
    }

    /**
     * What the bus delivers to its node. Called from the bus's threads, in each room's stream order;
     * must not block. The core takes the room's lock here and never runs application code.
     */
    interface Listener {
        void onEvent(BusEvent event);

        /** The registry may have lost this node's members; answer with {@link #resync}. */
        void onResyncNeeded();

        /** Closes this node's sockets of {@code user} (code 4003); returns how many there were. */
        int onDisconnectUser(String user);
    }

    /** The outcome of {@link #join}: admitted or not, the entry's sequence, and the members in order. */
    record Admission(boolean admitted, long seq, List<MemberInfo> members) {
        public Admission {
            members = List.copyOf(members);
        }
    }

    /** The outcome of a publish: the sequence it got and how many received it. */
    record Delivery(long seq, int recipients) {}
}
