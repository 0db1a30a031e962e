package io.rooms;

import io.rooms.spi.MemberInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One room as this node holds it: its members on this node, the newcomers among them waiting for
 * state, the joins on their way, and the stream entries seen while joins were on their way. The
 * room is the single owner of all of it: everything here is guarded by its monitor
 * ({@code synchronized (room)}); only {@link #size()} may be read without it. A client's
 * {@code room} and {@code member} fields are written only here, under that monitor.
 */
final class Room {
    private static final int MAX_BACKLOG = 10_000;

    final String name;
    /** Completes once this node receives the room's stream. */
    final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, PendingHandoff> handoffs = new HashMap<>();
    private final List<Seen> backlog = new ArrayList<>(0);
    private volatile int size;
    private int pendingJoins;
    private boolean closed;

    /** A stream entry kept for the joiners on their way: its number, who it is from, its frame. */
    private record Seen(long seq, String from, String frame) {}

    Room(String name) {
        this.name = name;
    }

    /** Counts one more join on its way; false when the room is closed and must be taken anew. */
    boolean startJoin() {
        if (closed) {
            return false;
        }
        pendingJoins++;
        return true;
    }

    void endJoin() {
        pendingJoins--;
        if (pendingJoins == 0) {
            backlog.clear();
        }
    }

    /** Makes {@code client} a member, unless it is gone already; returns whether it is one now. */
    boolean admit(Client client, MemberInfo info) {
        if (client.isGone()) {
            return false;
        }
        Member member = new Member(client, info, this);
        members.put(info.id(), member);
        size = members.size();
        client.admitted(member);
        return true;
    }

    /** Removes {@code client}; false when it was not a member. Cancels its own wait for state. */
    boolean remove(Client client) {
        Member member = client.membership(name);
        if (member == null || member.room() != this || !client.removed(member)) {
            return false;
        }
        members.remove(client.id);
        size = members.size();
        PendingHandoff own = handoffs.remove(client.id);
        if (own != null) {
            own.cancel();
        }
        return true;
    }

    /** Queues {@code frame} for every member but {@code from}; keeps it for joiners on their way. */
    void deliver(long seq, String from, String frame, Batch batch) {
        if (pendingJoins > 0 && backlog.size() < MAX_BACKLOG) {
            backlog.add(new Seen(seq, from, frame));
        }
        for (Member m : members.values()) {
            if (!m.info().id().equals(from)) {
                batch.send(m.client(), frame);
            }
        }
    }

    /** Queues for a newcomer admitted at {@code seq} what the room's stream had after it. */
    void catchUp(Client newcomer, long seq, Batch batch) {
        for (Seen seen : backlog) {
            if (seen.seq() > seq && !newcomer.id.equals(seen.from())) {
                batch.send(newcomer, seen.frame());
            }
        }
    }

    Member find(String id) {
        return members.get(id);
    }

    void forEach(Consumer<Member> action) {
        members.values().forEach(action);
    }

    List<MemberInfo> members() {
        List<MemberInfo> list = new ArrayList<>(members.size());
        members.values().forEach(m -> list.add(m.info()));
        return list;
    }

    int size() {
        return size;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether nobody is in the room or on the way in, so it can be closed. */
    boolean isDeserted() {
        return !closed && members.isEmpty() && pendingJoins == 0;
    }

    void close() {
        closed = true;
    }

    Map<String, PendingHandoff> handoffs() {
        return handoffs;
    }
}
