package io.rooms;

import io.rooms.spi.RoomSummary;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.BusUnavailableException;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterView;
import io.rooms.spi.Roster;
import io.rooms.spi.SessionStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A shared bus the test drives by hand: joins wait until the test answers them, publishes are
 * recorded (and fail while {@link #down}), and the test delivers stream entries itself. Not thread-safe.
 */
final class FakeBus implements Cluster, Bus, Roster, SessionStore, ClusterView {
    record PendingJoin(String room, MemberInfo member, CompletableFuture<Admission> answer) {}

    final Deque<PendingJoin> joins = new ArrayDeque<>();
    final List<BusEvent> published = new ArrayList<>();
    boolean down;
    Listener listener;
    /** SessionTracker as put, by id. */
    final Map<String, io.rooms.spi.Session> sessions = new java.util.HashMap<>();
    /** Run after each session read, once its value is taken: a test's way to act between a read and its use. */
    Runnable afterSessionRead = () -> { };
    /** What {@link #since} answers. */
    java.util.Optional<List<BusEvent>> history = java.util.Optional.empty();

    @Override
    public String nodeId() {
        return "n1";
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public Bus bus() {
        return this;
    }

    @Override
    public Roster roster() {
        return this;
    }

    @Override
    public SessionStore sessions() {
        return this;
    }

    @Override
    public ClusterView view() {
        return this;
    }

    @Override
    public void start(Listener value) {
        listener = value;
    }

    @Override
    public CompletionStage<Void> subscribe(String room) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(String room) {}

    @Override
    public CompletionStage<Admission> join(String room, MemberInfo member, int capacity) {
        PendingJoin join = new PendingJoin(room, member, new CompletableFuture<>());
        joins.add(join);
        return join.answer();
    }

    /** Answers the oldest join: admitted at {@code seq}, with {@code others} ahead of the joiner. */
    void admitNext(long seq, MemberInfo... others) {
        PendingJoin join = joins.remove();
        List<MemberInfo> members = new ArrayList<>(List.of(others));
        members.add(join.member());
        join.answer().complete(new Admission(true, seq, members));
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        return result(null);
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said, Accepted accepted) {
        if (!down) {
            published.add(said);
        }
        return result(new Delivery(published.size(), 1));
    }

    @Override
    public CompletionStage<Delivery> setPresence(String room, String memberId, String meta) {
        BusEvent.Updated updated = new BusEvent.Updated(room, published.size() + 1, memberId, meta);
        if (!down) {
            published.add(updated);
        }
        return result(new Delivery(updated.seq(), 1));
    }

    @Override
    public CompletionStage<Delivery> send(BusEvent.NodeEvent event) {
        if (!down) {
            published.add(event);
        }
        return result(new Delivery(published.size(), 1));
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        return result(List.of());
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        return result(List.of());
    }

    @Override
    public CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return result(null);
    }

    private <T> CompletionStage<T> result(T value) {
        return down ? CompletableFuture.failedFuture(new BusUnavailableException("redis is down", null))
                : CompletableFuture.completedFuture(value);
    }

    @Override
    public boolean isConnected() {
        return !down;
    }

    @Override
    public CompletionStage<java.util.Optional<List<BusEvent>>> since(String room, long after) {
        return result(history);
    }

    @Override
    public CompletionStage<Void> put(io.rooms.spi.Session session) {
        if (!down) {
            sessions.put(session.id(), session);
        }
        return result(null);
    }

    @Override
    public CompletionStage<java.util.Optional<io.rooms.spi.Session>> find(String id) {
        java.util.Optional<io.rooms.spi.Session> read = java.util.Optional.ofNullable(sessions.get(id));
        afterSessionRead.run();
        return result(read);
    }

    @Override
    public CompletionStage<java.util.Set<String>> acceptedRefs(String session) {
        return result(java.util.Set.of());
    }

    @Override
    public CompletionStage<Integer> disconnectUser(String user) {
        return result(listener.onDisconnectUser(user));
    }

    @Override
    public void close() {}
}
