package io.rooms.spi;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Where members' sessions are kept, so that a client can resume its session on any node: one part
 * of a {@link Cluster}, as Centrifuge keeps presence apart from its broker. No method blocks for I/O.
 * Thread-safe.
 */
public interface SessionStore {

    /** Keeps {@code session} (replacing an earlier record of it); an ended one for the resume window. */
    CompletionStage<Void> put(Session session);

    /**
     * The session {@code id}, while it is kept: at least the resume window after it ended (the
     * caller checks the window).
     */
    CompletionStage<Optional<Session>> find(String id);

    /**
     * The refs {@link Bus#publish} recorded as accepted in {@code session}; empty where the bus
     * records none (one node keeps its sessions' refs itself).
     */
    CompletionStage<Set<String>> acceptedRefs(String session);
}
