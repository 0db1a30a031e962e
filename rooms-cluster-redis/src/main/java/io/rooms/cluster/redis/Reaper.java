package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Removes the members of a node that died or left: room by room, through the rooms set the node
 * wrote before each of its first joins (each room's script runs on that room's shard), ending each
 * removed member's session so that it can be resumed on another node. A dead node stays in the set
 * of nodes being reaped until its removal is done, so that a reaper that dies half-way leaves it to
 * the next, and the node itself, if it was only stalled, waits to register its members again.
 * Thread-safe.
 */
final class Reaper {
    private static final Script REAP = Script.liveness("reap");
    private static final Script END_SESSION = Script.named("end-session");

    private final Pipeline redis;
    private final Keys keys;
    private final Registry registry;
    private final String keptMillis;
    private final String ttlMillis;

    Reaper(Pipeline redis, Keys keys, Registry registry, RedisClusterSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.registry = registry;
        this.keptMillis = Long.toString(settings.resume().window().plus(io.rooms.spi.Session.KEPT_PAST_WINDOW).toMillis());
        this.ttlMillis = Long.toString(settings.nodeTimeout().toMillis());
    }

    /** Removes the members of every node but {@code self} whose heartbeat expired; completes with how many. */
    CompletionStage<Integer> reapDead(String self) {
        return REAP.<List<String>>run(redis, ScriptOutputType.MULTI,
                        new String[] {keys.beats(), keys.deadNodes(), keys.lastSeen()}, self, ttlMillis)
                .thenCompose(dead -> {
                    List<CompletableFuture<Integer>> each = new ArrayList<>();
                    for (String node : dead) {
                        each.add(remove(node).toCompletableFuture());
                    }
                    return sum(each);
                });
    }

    /** Removes every member of {@code node}, then the node itself; completes with how many members. */
    CompletionStage<Integer> remove(String node) {
        return redis.<Set<String>>send(c -> c.smembers(keys.nodeRooms(node))).thenCompose(rooms -> {
            List<CompletableFuture<Integer>> each = new ArrayList<>();
            for (String room : rooms) {
                each.add(registry.reap(room, node).thenCompose(this::endSessions).toCompletableFuture());
            }
            return sum(each);
        }).thenCompose(removed -> redis.send(c -> c.del(keys.nodeRooms(node)))
                .thenCompose(done -> redis.send(c -> c.zrem(keys.beats(), node)))
                .thenCompose(done -> redis.send(c -> c.srem(keys.deadNodes(), node)))
                .thenApply(done -> removed));
    }

    /** The removed members' live sessions are ended now: each can be resumed elsewhere within the window. */
    private CompletionStage<Integer> endSessions(List<String> members) {
        List<CompletableFuture<?>> each = new ArrayList<>();
        for (String member : members) {
            String pointer = keys.memberSession(member);
            each.add(redis.<String>send(c -> c.get(pointer)).thenCompose(session -> {
                if (session == null) {
                    return CompletableFuture.completedFuture(null);
                }
                return END_SESSION.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.session(session)}, keptMillis)
                        .thenCompose(ended -> redis.send(c -> c.del(pointer)));
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> members.size());
    }

    private static CompletableFuture<Integer> sum(List<CompletableFuture<Integer>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> parts.stream().mapToInt(CompletableFuture::join).sum());
    }
}
