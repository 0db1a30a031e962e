package io.rooms;

import io.rooms.spi.Identity;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.Connection;
import io.rooms.spi.Scheduler;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected client: its id, display name and color, its outbox, its room, and its heartbeat
 * and rate bookkeeping. The transport's events for it arrive one at a time; {@code room} and
 * {@code member} are written under the room's lock and read by any thread.
 */
final class Client {
    /** Given at connect; a resume replaces it with the resumed member's, through {@link ClientRegistry#rename}. */
    volatile String id;
    /** The session of the client's current room, or null. */
    volatile String session;
    final Connection connection;
    private final Outbox outbox;
    final RateLimiter limiter;
    /** The refs this client's session accepted; a resumed session brings its own. */
    volatile Refs refs = new Refs();
    private final AtomicBoolean gone = new AtomicBoolean();
    /** Held while the client leaves the server, so that a resume taking its place can wait for that. */
    final Object leaving = new Object();
    /** Who the client is; replaced, whole, by a refresh. */
    volatile Identity identity;
    /** The close at the identity's expiry, if it has one. */
    volatile Scheduler.Cancellable expiry;
    volatile String name;
    volatile String color;
    /** Written by the room, under its lock, only. */
    volatile Room room;
    volatile Member member;
    /** The room of the latest join, set before it is sent to the bus; read on leaving. */
    volatile Room joining;
    volatile long lastSeen;
    volatile boolean joinedOnce;
    volatile Scheduler.Cancellable joinTimeout;
    private final ArrayDeque<String> held = new ArrayDeque<>(0);
    private boolean joinInFlight;
    private boolean holding;

    private Client(Builder builder) {
        this.id = builder.id;
        this.identity = builder.identity;
        this.connection = builder.connection;
        this.name = builder.name;
        this.color = builder.color;
        this.limiter = builder.limiter;
        this.lastSeen = builder.now;
        this.outbox = builder.outboxes.create(this);
    }

    static Builder builder() {
        return new Builder();
    }

    /** A client by name: its id, socket, identity, looks, limiter and the time it connected. */
    static final class Builder {
        private String id;
        private Connection connection;
        private Outbox.Factory outboxes;
        private Identity identity;
        private String name;
        private String color;
        private RateLimiter limiter;
        private long now;

        Builder id(String value) {
            this.id = value;
            return this;
        }

        Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        Builder outboxes(Outbox.Factory value) {
            this.outboxes = value;
            return this;
        }

        Builder identity(Identity value) {
            this.identity = value;
            return this;
        }

        /** Its display name and color. */
        Builder looks(String displayName, String cssColor) {
            this.name = displayName;
            this.color = cssColor;
            return this;
        }

        Builder limiter(RateLimiter value) {
            this.limiter = value;
            return this;
        }

        Builder connectedAt(long nanoTime) {
            this.now = nanoTime;
            return this;
        }

        Client build() {
            return new Client(this);
        }
    }

    /** The client as the room's members see it. */
    MemberInfo info() {
        return new MemberInfo(id, name, color, identity.user());
    }

    Outbox outbox() {
        return outbox;
    }

    /** Queues {@code frame} and writes what is queued. */
    void send(String frame) {
        outbox.offer(frame);
        outbox.drain();
    }

    /** The name of the room the client is in now, or null. */
    String roomName() {
        Room current = room;
        return current == null ? null : current.name;
    }

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

    /** Marks the client gone; true only for the first caller. */
    boolean markGone() {
        return gone.compareAndSet(false, true);
    }

    boolean isGone() {
        return gone.get();
    }
}
