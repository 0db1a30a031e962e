package io.rooms.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.RoomSummary;
import io.rooms.spi.Bus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's registry of room members in Redis: per room, a sorted set scored by activity, the
 * members' details and presence, and the node serving each, changed only by the room's scripts, so
 * that a capacity check and its join, and every change and its event, are atomic on the room's
 * shard. Beside them, and written after (each on its own shard): the rooms each node has members in,
 * before its first join there, so that its survivors know where to look; and the rooms' sizes, for
 * listing. Thread-safe.
 */
final class Registry {
    private static final ObjectMapper JSON = Envelope.JSON;
    private static final Script JOIN = Script.room("join");
    private static final Script LEAVE = Script.room("leave");
    private static final Script MEMBERS = Script.room("members");
    private static final Script PRESENCE = Script.room("presence");
    private static final Script RESYNC = Script.room("resync-room");
    private static final Script REAP = Script.room("reap-room");
    private static final Script SIZES = Script.named("sizes");

    private final Pipeline redis;
    private final RoomScripts scripts;
    private final Keys keys;
    private final String node;
    /** The rooms this node has recorded in its rooms set, so that only its first join in each writes it. */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    /** The members this node serves, with their rooms: events for one member reach the nodes of its room, and only its own keeps them. */
    private final Map<String, Set<String>> served = new ConcurrentHashMap<>();

    Registry(Pipeline redis, RoomScripts scripts, Keys keys, String node) {
        this.redis = redis;
        this.scripts = scripts;
        this.keys = keys;
        this.node = node;
    }

    /** Whether this node serves member {@code id}: events for it are delivered here. */
    boolean serves(String id) {
        return served.containsKey(id);
    }

    private void serve(String room, String id) {
        served.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(room);
    }

    private void unserve(String room, String id) {
        served.computeIfPresent(id, (k, rooms) -> {
            rooms.remove(room);
            return rooms.isEmpty() ? null : rooms;
        });
    }

    /**
     * Adds a member unless the room is full. It counts as served here from before the join, so that
     * an event for it that overtakes the join's reply is kept.
     */
    CompletionStage<Bus.Admission> join(String room, MemberInfo member, int capacity) {
        serve(room, member.id());
        return record(room).thenCompose(done -> scripts.<List<Object>>run(JOIN, ScriptOutputType.MULTI, room,
                        member.id(), json(member), Integer.toString(capacity), node))
                .thenApply(result -> {
                    long status = (Long) result.get(0);
                    @SuppressWarnings("unchecked")
                    List<String> infos = (List<String>) result.get(2);
                    if (status == 1) {
                        size(room, (Long) result.get(1), infos.size() / 2);
                    } else {
                        unserve(room, member.id());
                    }
                    return new Bus.Admission(status == 1, (Long) result.get(1), memberList(infos));
                });
    }

    CompletionStage<Void> remove(String room, String memberId) {
        unserve(room, memberId);
        return scripts.<List<Long>>run(LEAVE, ScriptOutputType.MULTI, room, memberId).thenApply(result -> {
            size(room, result.get(0), result.get(1));
            return null;
        });
    }

    /** This node has no members left in {@code room}: its survivors need not look there. */
    void forget(String room) {
        if (recorded.remove(room)) {
            redis.send(c -> c.srem(keys.nodeRooms(node), room));
        }
    }

    CompletionStage<List<MemberInfo>> members(String room) {
        return scripts.<List<String>>run(MEMBERS, ScriptOutputType.MULTI, room).thenApply(Registry::memberList);
    }

    /** Sets (null: clears) a member's presence and appends its event; 0 recipients when it is not a member. */
    CompletionStage<Bus.Delivery> setPresence(String room, String memberId, String meta) {
        return scripts.<List<Long>>run(PRESENCE, ScriptOutputType.MULTI, room, memberId, meta == null ? "" : meta)
                .thenApply(result -> new Bus.Delivery(result.get(0), result.get(1).intValue()));
    }

    /** Removes every member {@code deadNode} serves in {@code room}; completes with their ids. */
    CompletionStage<List<String>> reap(String room, String deadNode) {
        return scripts.<List<Object>>run(REAP, ScriptOutputType.MULTI, room, deadNode).thenApply(result -> {
            size(room, (Long) result.get(0), (Long) result.get(1));
            List<String> removed = new ArrayList<>(result.size() - 2);
            for (int i = 2; i < result.size(); i++) {
                removed.add((String) result.get(i));
            }
            return removed;
        });
    }

    CompletionStage<List<RoomSummary>> rooms() {
        List<CompletableFuture<Map<String, String>>> buckets = new ArrayList<>(Keys.SIZE_BUCKETS);
        for (int bucket = 0; bucket < Keys.SIZE_BUCKETS; bucket++) {
            String key = keys.sizeBucket(bucket)[0];
            buckets.add(redis.send(c -> c.hgetall(key)).toCompletableFuture());
        }
        return CompletableFuture.allOf(buckets.toArray(CompletableFuture[]::new))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(Script.classify(failure)))
                .thenApply(all -> {
                    List<RoomSummary> list = new ArrayList<>();
                    for (CompletableFuture<Map<String, String>> bucket : buckets) {
                        bucket.join().forEach((room, size) -> list.add(new RoomSummary(room, Integer.parseInt(size))));
                    }
                    list.sort(Comparator.comparing(RoomSummary::room));
                    return list;
                });
    }

    /**
     * Makes the registry agree with {@code localMembersByRoom}: in each room this node has members
     * in, exactly those are registered to it; from each other room in its rooms set, its members are
     * removed.
     */
    CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return redis.<Set<String>>send(c -> c.smembers(keys.nodeRooms(node))).thenCompose(registered -> {
            List<CompletableFuture<?>> steps = new ArrayList<>();
            served.clear();
            localMembersByRoom.forEach((room, members) -> members.forEach(member -> serve(room, member.id())));
            localMembersByRoom.forEach((room, members) -> {
                String[] args = new String[members.size() + 1];
                args[0] = node;
                for (int i = 0; i < members.size(); i++) {
                    args[i + 1] = json(members.get(i));
                }
                recorded.remove(room);
                steps.add(record(room).thenCompose(done -> scripts.<List<Long>>run(RESYNC, ScriptOutputType.MULTI, room, args))
                        .thenAccept(result -> size(room, result.get(0), result.get(1))).toCompletableFuture());
            });
            for (String room : registered) {
                if (!localMembersByRoom.containsKey(room)) {
                    steps.add(reap(room, node).thenAccept(removed -> forget(room)).toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        });
    }

    /** Adds {@code room} to this node's rooms set, once: before the join, so that a crash after it is found. */
    private CompletionStage<Void> record(String room) {
        if (!recorded.add(room)) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.<Long>send(c -> c.sadd(keys.nodeRooms(node), room)).handle((added, failure) -> {
            if (failure != null) {
                recorded.remove(room);
                throw new java.util.concurrent.CompletionException(Script.classify(failure));
            }
            return null;
        });
    }

    /** Records a room's size as of its event {@code seq} (0: nothing happened), unless a later one is there. */
    private void size(String room, long seq, long size) {
        if (seq == 0) {
            return;
        }
        SIZES.run(redis, ScriptOutputType.INTEGER, keys.sizes(room), room, Long.toString(seq), Long.toString(size));
    }

    /** The members as the scripts list them: each one's JSON, then its presence ('' for none). */
    private static List<MemberInfo> memberList(List<String> fields) {
        List<MemberInfo> members = new ArrayList<>(fields.size() / 2);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String meta = fields.get(i + 1);
            members.add(fromJson(fields.get(i)).withMeta(meta.isEmpty() ? null : meta));
        }
        return members;
    }

    private static String json(MemberInfo value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemberInfo fromJson(String json) {
        try {
            return JSON.readValue(json, MemberInfo.class);
        } catch (IOException e) {
            throw new IllegalStateException("bad member record in Redis: " + json, e);
        }
    }
}
