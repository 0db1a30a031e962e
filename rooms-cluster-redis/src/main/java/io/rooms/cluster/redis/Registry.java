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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's registry of room members in Redis: a sorted set per room scored by activity, the
 * members' details beside it, a hash of room sizes, and a hash per node of the members it serves;
 * changed only by Lua scripts, so that a capacity check and its join, and every change and its
 * event, are atomic. Thread-safe.
 */
final class Registry {
    private static final ObjectMapper JSON = Envelope.JSON;
    private static final Script JOIN = Script.named("join");
    private static final Script LEAVE = Script.named("leave");
    private static final Script MEMBERS = Script.named("members");
    private static final Script PRESENCE = Script.named("presence");

    private final Pipeline redis;
    private final String prefix;
    private final String node;

    Registry(Pipeline redis, String prefix, String node) {
        this.redis = redis;
        this.prefix = prefix;
        this.node = node;
    }

    /** Adds a member unless the room is full; {@code force} re-adds one the registry lost, past any limit. */
    CompletionStage<Bus.Admission> join(String room, MemberInfo member, int capacity, boolean force) {
        return JOIN.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, room, member.id(), json(member),
                        Integer.toString(capacity), node, force ? "1" : "0")
                .thenApply(result -> {
                    long status = (Long) result.get(0);
                    @SuppressWarnings("unchecked")
                    List<String> infos = (List<String>) result.get(2);
                    return new Bus.Admission(status == 1, (Long) result.get(1), memberList(infos));
                });
    }

    CompletionStage<Void> remove(String room, String memberId) {
        return LEAVE.<Long>run(redis, ScriptOutputType.INTEGER, prefix, room, memberId).thenApply(removed -> null);
    }

    CompletionStage<List<MemberInfo>> members(String room) {
        return MEMBERS.<List<String>>run(redis, ScriptOutputType.MULTI, prefix, room)
                .thenApply(Registry::memberList);
    }

    /** Sets (null: clears) a member's presence and appends its event; 0 recipients when it is not a member. */
    CompletionStage<Bus.Delivery> setPresence(String room, String memberId, String meta) {
        return PRESENCE.<List<Long>>run(redis, ScriptOutputType.MULTI, prefix, room, memberId, meta == null ? "" : meta)
                .thenApply(result -> new Bus.Delivery(result.get(0), result.get(1).intValue()));
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

    CompletionStage<List<RoomSummary>> rooms() {
        return redis.send(c -> c.hgetall(prefix + "sizes")).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(Script.classify(failure))).thenApply(sizes -> {
            List<RoomSummary> list = new ArrayList<>(sizes.size());
            sizes.forEach((room, size) -> list.add(new RoomSummary(room, Integer.parseInt(size))));
            list.sort(Comparator.comparing(RoomSummary::room));
            return list;
        });
    }

    /**
     * Makes this node's entries agree with {@code localMembersByRoom}: a member in several rooms is
     * registered once per room ({@code node:N:members} keeps each member's rooms as a JSON array).
     */
    CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return redis.send(c -> c.hgetall(prefix + "node:" + node + ":members")).thenCompose(registered -> {
            List<CompletableFuture<?>> steps = new ArrayList<>();
            Map<String, java.util.Set<String>> local = new ConcurrentHashMap<>();
            localMembersByRoom.forEach((room, members) -> {
                for (MemberInfo member : members) {
                    local.computeIfAbsent(member.id(), id -> new java.util.HashSet<>()).add(room);
                    if (!roomsOf(registered.get(member.id())).contains(room)) {
                        steps.add(join(room, member, 0, true).toCompletableFuture());
                    }
                }
            });
            registered.forEach((id, rooms) -> {
                for (String room : roomsOf(rooms)) {
                    if (!local.getOrDefault(id, java.util.Set.of()).contains(room)) {
                        steps.add(remove(room, id).toCompletableFuture());
                    }
                }
            });
            return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        });
    }

    /** A member's rooms as node:N:members keeps them: a JSON array; none for null. */
    private static List<String> roomsOf(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("bad member rooms in Redis: " + json, e);
        }
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
