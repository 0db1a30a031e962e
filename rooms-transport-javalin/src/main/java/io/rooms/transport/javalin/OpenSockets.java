package io.rooms.transport.javalin;

import java.time.Duration;

/**
 * Counts the WebSocket sockets that are open, holds them to the connection cap, and lets shutdown
 * wait for their close handshakes. Thread-safe.
 */
final class OpenSockets {
    private final int max;
    private int open;

    OpenSockets(int max) {
        this.max = max;
    }

    /**
     * Counts a socket that has just opened, unless the cap is reached; false then. The handshake gate
     * refuses most excess handshakes with 503 before this, but it cannot see those still on their
     * way, so this is where the cap holds exactly.
     */
    synchronized boolean tryOpen() {
        if (open >= max) {
            return false;
        }
        open++;
        return true;
    }

    synchronized void closed() {
        open--;
        if (open == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return open;
    }

    /** Waits until no socket is open, at most {@code timeout}; true if none is. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
