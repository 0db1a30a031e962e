package io.rooms;

import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterMessage;
import io.rooms.spi.ClusterUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A cluster the test drives by hand: joins wait until the test answers them, publishes are recorded
 * (and fail while {@link #down}), and the test delivers stream entries itself. Not thread-safe.
 */
final class FakeCluster implements Cluster {
    record PendingJoin(String room, MemberInfo member, CompletableFuture<Admission> answer) {}

    final Deque<PendingJoin> joins = new ArrayDeque<>();
    final List<ClusterMessage> published = new ArrayList<>();
    boolean down;
    Listener listener;

    @Override
    public String nodeId() {
        return "n1";
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
    public CompletionStage<Admission> join(String room, MemberInfo member, int maxRoomSize, String announce) {
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
    public CompletionStage<Void> leave(String room, String memberId, String frame) {
        return result(null);
    }

    @Override
    public CompletionStage<Published> publishToRoom(ClusterMessage message, boolean promote) {
        published.add(message);
        return result(new Published(published.size(), 1));
    }

    @Override
    public CompletionStage<Published> sendToNode(String node, ClusterMessage message, boolean promote) {
        published.add(message);
        return result(new Published(published.size(), 1));
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
        return down ? CompletableFuture.failedFuture(new ClusterUnavailableException("redis is down", null))
                : CompletableFuture.completedFuture(value);
    }

    @Override
    public boolean isConnected() {
        return !down;
    }

    @Override
    public long disconnects() {
        return 0;
    }

    @Override
    public void close() {}
}
