package io.rooms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ref}s a session's messages were accepted with, so that a message re-sent after a
 * reconnect is acknowledged again instead of delivered twice. Keeps the latest {@value #CAPACITY};
 * a client that waits for each ack (the browser client sends at most its offline queue unacked)
 * never has more than that outstanding. Thread-safe.
 */
final class Refs {
    static final int CAPACITY = 1024;

    private final Map<String, Boolean> accepted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Refs accepted elsewhere (a session resumed from another node). */
    static Refs of(java.util.Collection<String> refs) {
        Refs made = new Refs();
        refs.forEach(made::accept);
        return made;
    }

    /** Records {@code ref}; false when it was accepted before. */
    synchronized boolean accept(String ref) {
        return accepted.putIfAbsent(ref, Boolean.TRUE) == null;
    }

    /** The message with {@code ref} was refused: a later one with the same ref may be accepted. */
    synchronized void forget(String ref) {
        accepted.remove(ref);
    }
}
