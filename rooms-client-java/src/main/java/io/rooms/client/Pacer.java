package io.rooms.client;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Frames on their way to the open socket, no faster than the server takes them. The server drops
 * what comes over its rate ({@code --max-messages-per-second}, a burst of twice that): a dropped
 * message is not acknowledged, and the ones after it that pass would overtake it. So the client keeps
 * to a token bucket of its own, {@code rate} a second with a burst of the same (half the server's, for
 * the server's clock and the network's jitter), and holds the rest in order. A backlog (the messages
 * kept through an outage, sent again after the resume) leaves at the rate. Thread-safe.
 */
final class Pacer {
    private static final long SECOND = 1_000_000_000L;

    /** Runs a task after a delay in nanoseconds. */
    interface Later {
        void after(long nanos, Runnable task);
    }

    private final double rate;
    private final LongSupplier clock;
    private final Later later;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private Consumer<String> socket;
    private double tokens;
    private long refilledAt;
    private boolean drainScheduled;

    Pacer(int ratePerSecond, LongSupplier clock, Later later) {
        this.rate = ratePerSecond;
        this.clock = clock;
        this.later = later;
    }

    /** A new socket: its bucket starts full, and nothing meant for the last one goes to it. */
    synchronized void attach(Consumer<String> to) {
        socket = to;
        waiting.clear();
        tokens = rate;
        refilledAt = clock.getAsLong();
    }

    /** The socket ended: what waits for it is dropped (kept messages are sent again after the next join). */
    synchronized void detach() {
        socket = null;
        waiting.clear();
    }

    /** Sends {@code frame} now, or after the frames waiting before it; dropped with no socket. */
    synchronized void send(String frame) {
        if (socket == null) {
            return;
        }
        if (waiting.isEmpty() && take()) {
            socket.accept(frame);
            return;
        }
        waiting.add(frame);
        scheduleDrain();
    }

    /** Sends {@code frame} only if it can go now; false when it was dropped instead (no socket, or over the rate). */
    synchronized boolean sendIfNow(String frame) {
        if (socket == null || !waiting.isEmpty() || !take()) {
            return false;
        }
        socket.accept(frame);
        return true;
    }

    /** How many frames wait for their turn. */
    synchronized int waiting() {
        return waiting.size();
    }

    private boolean take() {
        long now = clock.getAsLong();
        tokens = Math.min(rate, tokens + (now - refilledAt) * rate / SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private void scheduleDrain() {
        if (drainScheduled) {
            return;
        }
        drainScheduled = true;
        long wait = (long) Math.ceil(Math.max(0, 1 - tokens) * SECOND / rate);
        later.after(wait, this::drain);
    }

    synchronized void drain() {
        drainScheduled = false;
        while (socket != null && !waiting.isEmpty() && take()) {
            socket.accept(waiting.poll());
        }
        if (!waiting.isEmpty()) {
            scheduleDrain();
        }
    }
}
