package io.rooms;

import io.rooms.spi.Scheduler;
import io.rooms.spi.Session;
import io.rooms.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sessions of a server on its own, in memory. Refs are not recorded here: one node keeps its
 * sessions' refs itself. Thread-safe.
 */
final class MemorySessionStore implements SessionStore {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Scheduler clock;
    private final ResumeSettings resume;
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

    MemorySessionStore(Scheduler clock, ResumeSettings resume) {
        this.clock = clock;
        this.resume = resume;
    }

    @Override
    public CompletionStage<Void> put(Session session) {
        sessions.put(session.id(), session);
        return DONE;
    }

    @Override
    public CompletionStage<Optional<Session>> find(String id) {
        return CompletableFuture.completedFuture(Optional.ofNullable(sessions.get(id)));
    }

    @Override
    public CompletionStage<Set<String>> acceptedRefs(String session) {
        return CompletableFuture.completedFuture(Set.of());
    }

    /** Forgets the sessions that ended longer than the window and {@link Session#KEPT_PAST_WINDOW} ago. */
    void sweep() {
        Instant now = clock.wallTime();
        sessions.values().removeIf(session -> session.endedAt() != null
                && !session.endedAt().plus(resume.window()).plus(Session.KEPT_PAST_WINDOW).isAfter(now));
    }
}
