package io.rooms.server;

import java.time.Duration;

/** Counts the WebSocket sockets that are open, so that shutdown can wait for their close handshakes. Thread-safe. */
final class OpenSockets {
    private int open;

    synchronized void opened() {
        open++;
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
