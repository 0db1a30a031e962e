package io.rooms.internal;

import io.rooms.MemberInfo;
import io.rooms.spi.ClusterMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One room: its members in activity order, a by-id index of the same members, and the newcomers
 * waiting for state. Everything here is guarded by the room's own monitor ({@code synchronized
 * (room)}), the room's single owner; only {@link #size()} may be read without it.
 */
final class Room {
    final String name;
    private final ActivityList order = new ActivityList();
    private final Map<String, Member> byId = new HashMap<>();
    private final Map<String, Handoff> handoffs = new HashMap<>();
    private volatile int size;
    private boolean closed;
    /** In a cluster: joiners waiting for the registry, and the stream entries seen meanwhile. */
    int pendingJoins;
    /** In a cluster: completes once this node receives the room's stream. */
    java.util.concurrent.CompletionStage<Void> subscription;
    final List<ClusterMessage> backlog = new ArrayList<>(0);

    Room(String name) {
        this.name = name;
    }

    Member add(Client client, MemberInfo info) {
        Member member = new Member(client, info);
        order.addLast(member);
        byId.put(info.id(), member);
        size = order.size();
        return member;
    }

    void remove(Member member) {
        order.remove(member);
        byId.remove(member.info.id());
        size = order.size();
    }

    void promote(Member member) {
        order.moveToFront(member);
    }

    Member find(String id) {
        return byId.get(id);
    }

    Member mostActive() {
        return order.first();
    }

    void forEach(Consumer<Member> action) {
        order.forEach(action);
    }

    List<MemberInfo> members() {
        List<MemberInfo> list = new ArrayList<>(order.size());
        order.forEach(m -> list.add(m.info));
        return list;
    }

    int size() {
        return size;
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks an empty room as gone; a joiner that finds it closed takes a fresh one. */
    void close() {
        closed = true;
    }

    /** Whether nobody is in the room or on the way in, so it can be closed. */
    boolean isDeserted() {
        return order.size() == 0 && pendingJoins == 0;
    }

    Map<String, Handoff> handoffs() {
        return handoffs;
    }
}
