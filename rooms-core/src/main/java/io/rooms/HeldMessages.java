package io.rooms;

import java.util.ArrayDeque;

/**
 * A client's messages held while its join is on its way to the bus, so that nothing it sends
 * overtakes its join; dispatched in order once the join is answered. Thread-safe.
 */
final class HeldMessages {
    private final ArrayDeque<String> held = new ArrayDeque<>(0);
    private boolean joinInFlight;
    private boolean holding;

    /**
     * A join waits for the bus: the client's next messages are held, in order, until it is
     * answered, so that nothing the client sends overtakes its join.
     */
    synchronized void joinStarted() {
        joinInFlight = true;
        holding = true;
    }

    /** The join was answered; true when messages were held meanwhile and must be dispatched now. */
    synchronized boolean joinEnded() {
        joinInFlight = false;
        if (held.isEmpty()) {
            holding = false;
            return false;
        }
        return true;
    }

    /** Holds {@code text} if messages are being held; false when it may be dispatched now. */
    synchronized boolean hold(String text) {
        if (!holding) {
            return false;
        }
        held.add(text);
        return true;
    }

    /**
     * The next held message to dispatch, or null: none is left (holding ends), or a held message
     * started another join (holding goes on until that one ends).
     */
    synchronized String nextHeld() {
        if (joinInFlight) {
            return null;
        }
        String next = held.poll();
        if (next == null) {
            holding = false;
        }
        return next;
    }
}
