package io.rooms.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The seam every room event goes through: each room's stream of {@link BusEvent}s, and the
 * changes of its registry of members in activity order (read through the {@link Roster}). One part
 * of a {@link Cluster}. The core's default keeps one node's rooms in memory; a cluster implements
 * the same interface over a shared server.
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
 *   <li>Node events reach the target member's node after everything the sender appended before,
 *       when that node has subscribed to the room (it does before its members join: a bus may carry
 *       them on the room's stream).</li>
 *   <li>Member ids are the node's id, a {@code '-'} and a suffix with no {@code '-'}: see {@link #nodeOf}.</li>
 *   <li>A room's numbers go up by one from event to event: a client that saw number N misses
 *       nothing if it gets every event after N ({@link #since}). A room's first number is the
 *       microseconds of the bus's clock, so numbers keep growing even where the bus forgot the room.</li>
 * </ul>
 * No method blocks for I/O; failures complete the stage exceptionally, with a
 * {@link BusUnavailableException} when the operation was certainly not carried out. Thread-safe.
 */
public interface Bus extends AutoCloseable {

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
     * Sets {@code memberId}'s presence in {@code room} to {@code meta} (raw JSON text; null clears
     * it), so that {@link Roster#members} and later admissions carry it, and appends a
     * {@link BusEvent.Updated}, atomically. Nothing if the member is not in the room.
     *
     * @return the entry's sequence and the room's size, or 0 recipients when the member is not there
     */
    CompletionStage<Delivery> setPresence(String room, String memberId, String meta);

    /**
     * Appends {@code said} to its room's stream or, with {@code to}, sends it to that member's node
     * if it is a member of the room. With {@code promote}, first moves the sender to the front.
     * With {@code accepted} (else null), records its ref as accepted in the sender's session, with
     * it and atomically, so that a client resuming that session on another node, even after this
     * one died, is not delivered the same message twice ({@link SessionStore#acceptedRefs}). A bus
     * of one node need not record anything: the node keeps its sessions' refs itself.
     *
     * @return the sequence it got and how many received it: the room's size, or for {@code to} 1,
     *     or 0 when no such member is in the room
     */
    CompletionStage<Delivery> publish(BusEvent.Said said, Accepted accepted);

    /**
     * Sends a node event to its target's node; {@link BusEvent.StateGiven#promote} promotes first. A
     * {@link BusEvent.Removed} or {@link BusEvent.Replaced} is sent only if its target is a member of
     * the room: otherwise it completes with no recipients.
     */
    CompletionStage<Delivery> send(BusEvent.NodeEvent event);

    /**
     * The room events numbered after {@code after}, in order, when the bus still holds every one of
     * them; empty when it does not (too far behind, or a number this room never gave). Only events
     * that went to the whole room are kept: {@link BusEvent.Joined}, {@link BusEvent.Left},
     * {@link BusEvent.Updated} and {@link BusEvent.Said} without {@code to}, for the resume window.
     */
    CompletionStage<Optional<List<BusEvent>>> since(String room, long after);

    /**
     * Makes the registry agree with this node's own members, after it may have lost them (an
     * outage, or the others took this node for dead): re-adds the missing ones and removes the ones
     * gone meanwhile, appending {@link BusEvent.Joined} and {@link BusEvent.Left} for each.
     */
    CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom);

    /**
     * Has every node close the sockets of {@code user} ({@link Listener#onDisconnectUser}); completes
     * with how many were closed on all the nodes that answered within the bus's command time-out.
     */
    CompletionStage<Integer> disconnectUser(String user);

    /** Removes this node's remaining members, announcing it, then stops delivering. */
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

    /** A message's ref, accepted in the sender's session: see {@link #publish}. */
    record Accepted(String session, String ref) {
        public Accepted {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(ref, "ref");
        }
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
