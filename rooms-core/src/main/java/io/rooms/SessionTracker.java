package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.SessionStore;
import io.rooms.spi.Scheduler;
import io.rooms.spi.Session;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Connections' sessions: a connection's first room starts one (kept by the session store, so that
 * any node can resume it), its last room ends it, and the refs a session accepted are kept on this node while it lasts and for the
 * resume window after, so that a resumed client is not delivered the same message twice. Thread-safe.
 */
final class SessionTracker {
    /** A session's refs on this node, and when it ended (null while it lasts). */
    private record Held(Refs refs, Instant endedAt) {}

    private final SessionStore store;
    private final Scheduler clock;
    private final ResumeSettings settings;
    private final RandomGenerator random;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    SessionTracker(SessionStore store, Scheduler clock, ResumeSettings settings, RandomGenerator random) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
    }

    /**
     * {@code client} is now a member of {@code room}: its session starts with its first room (a new
     * one, or {@code resumed}), and takes each further room; returns the session's id. Under the
     * room's lock.
     */
    synchronized String joined(Client client, String room, MemberInfo info, String resumed) {
        String id = client.session;
        if (id == null) {
            id = resumed != null ? resumed : newId();
            client.session = id;
            if (resumed == null) {
                client.sessionRooms.clear();
            }
            held.put(id, new Held(client.refs, null));
        }
        if (!client.sessionRooms.contains(room)) {
            client.sessionRooms.add(room);
        }
        store.put(new Session(id, client.sessionRooms, info, null));
        return id;
    }

    /**
     * {@code client} becomes the member of {@code session} again, with its first recovered room: the
     * session's other rooms stay in it, so that each can be resumed with its own join.
     */
    synchronized void resuming(Client client, Session session) {
        client.sessionRooms.clear();
        client.sessionRooms.addAll(session.rooms());
    }

    /**
     * {@code client} left {@code room}: the room leaves its session, and with its last room the
     * session ends, keeping the rooms it was in at its end. A connection that ends keeps every room
     * in the session ({@code connectionEnded}), so that all of them can be resumed.
     */
    synchronized void left(Client client, String room, MemberInfo info, boolean connectionEnded) {
        String id = client.session;
        if (id == null) {
            return;
        }
        if (!connectionEnded) {
            client.sessionRooms.remove(room);
        }
        if (client.membershipCount() > 0) {
            store.put(new Session(id, client.sessionRooms, info, null));
            return;
        }
        client.session = null;
        Instant now = clock.wallTime();
        held.put(id, new Held(client.refs, now));
        store.put(new Session(id, connectionEnded ? client.sessionRooms : java.util.List.of(room), info, now));
    }

    /** Whether {@code session} ended longer than the window ago. */
    boolean isExpired(Session session) {
        return session.endedAt() != null && !session.endedAt().plus(settings.window()).isAfter(clock.wallTime());
    }

    /**
     * The refs session {@code id} accepted, for the client that resumes it: kept here if it ended
     * on this node, else as the bus recorded them in the store.
     */
    java.util.concurrent.CompletionStage<Refs> refsOf(String id) {
        // Kept from the start, not only once ended: a resume may overtake the old connection's end.
        Held was = held.get(id);
        if (was != null) {
            return java.util.concurrent.CompletableFuture.completedFuture(was.refs);
        }
        return store.acceptedRefs(id).thenApply(Refs::of);
    }

    /** Forgets what the window no longer covers. */
    void sweep() {
        Instant oldest = clock.wallTime().minus(settings.window());
        held.values().removeIf(was -> was.endedAt != null && was.endedAt.isBefore(oldest));
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
