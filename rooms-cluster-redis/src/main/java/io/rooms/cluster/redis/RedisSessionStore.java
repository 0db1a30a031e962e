package io.rooms.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.SetArgs;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.Session;
import io.rooms.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sessions in Redis, one JSON string each, and the refs each accepted (a set per room, kept beside
 * the room's keys by its publish script): a live one for a day at most, an ended one for the resume
 * window and {@link Session#KEPT_PAST_WINDOW} (the reaper's script in lib.lua keeps the same minute).
 * Thread-safe.
 */
final class RedisSessionStore implements SessionStore {
    private static final ObjectMapper JSON = Envelope.JSON;
    private static final Duration LIVE = Duration.ofDays(1);

    /** A session as stored: its end as epoch milliseconds. */
    private record Stored(String id, java.util.List<String> rooms, MemberInfo member, Long endedAtMillis) {}

    private final Pipeline redis;
    private final Keys keys;
    private final Duration window;
    private final Serial events;

    RedisSessionStore(Pipeline redis, Keys keys, Duration window, Serial events) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
        this.events = events;
    }

    @Override
    public CompletionStage<Void> put(Session session) {
        String json;
        try {
            json = JSON.writeValueAsString(new Stored(session.id(), session.rooms(), session.member(),
                    session.endedAt() == null ? null : session.endedAt().toEpochMilli()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session is always JSON", e);
        }
        long ttl = (session.endedAt() == null ? LIVE : window.plus(Session.KEPT_PAST_WINDOW)).toMillis();
        // The member's live session, so that the scripts can end it if the member's node dies.
        String memberKey = keys.memberSession(session.member().id());
        if (session.endedAt() == null) {
            redis.send(c -> c.set(memberKey, session.id(), SetArgs.Builder.px(ttl)));
        } else {
            redis.send(c -> c.del(memberKey));
        }
        return events.hop(redis.<String>send(c -> c.set(key(session.id()), json, SetArgs.Builder.px(ttl)))
                .thenApply(ok -> null));
    }

    @Override
    public CompletionStage<Optional<Session>> find(String id) {
        return events.hop(read(id));
    }

    private CompletionStage<Optional<Session>> read(String id) {
        return redis.<String>send(c -> c.get(key(id))).thenApply(json -> {
            if (json == null) {
                return Optional.empty();
            }
            try {
                Stored stored = JSON.readValue(json, Stored.class);
                return Optional.of(new Session(stored.id(), stored.rooms() == null ? java.util.List.of() : stored.rooms(), stored.member(),
                        stored.endedAtMillis() == null ? null : Instant.ofEpochMilli(stored.endedAtMillis())));
            } catch (JsonProcessingException e) {
                return Optional.empty(); // not one this module wrote
            }
        });
    }

    /** The refs the session accepted in each of its rooms (each set on its room's shard). */
    @Override
    public CompletionStage<Set<String>> acceptedRefs(String session) {
        return events.hop(read(session).thenCompose(found -> {
            List<String> rooms = found.map(Session::rooms).orElse(List.of());
            List<CompletableFuture<Set<String>>> each = new ArrayList<>(rooms.size());
            for (String room : rooms) {
                each.add(redis.<Set<String>>send(c -> c.smembers(keys.refs(room, session))).toCompletableFuture());
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Set<String> refs = new HashSet<>();
                each.forEach(set -> refs.addAll(set.join()));
                return refs;
            });
        }));
    }

    private String key(String id) {
        return keys.session(id);
    }
}
