package io.rooms;

import io.rooms.spi.Identity;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.Connection;
import io.rooms.spi.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected client: its id, display name and color, its outbox, its rooms, and its heartbeat
 * and rate bookkeeping. The transport's events for it arrive one at a time; a membership is written
 * under its room's lock only, and read by any thread.
 */
final class Client {
    /** Given at connect; a resume replaces it with the resumed member's, through {@link ClientRegistry#rename}. */
    volatile String id;
    /** The session of the client's rooms, or null while it is in none. */
    volatile String session;
    /** The rooms of its session, in the order joined; guarded by the {@link SessionTracker}. */
    final List<String> sessionRooms = new java.util.ArrayList<>(1);
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
    /** The client's memberships by room name: written by each room, under its lock, only. */
    private final Map<String, Member> memberships = new ConcurrentHashMap<>();
    volatile long lastSeen;
    volatile boolean joinedOnce;
    volatile Scheduler.Cancellable joinTimeout;
    private final HeldMessages held = new HeldMessages();

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

    /** The name of the one room the client is in, or null when it is in none or in several. */
    String roomName() {
        Member only = onlyMembership();
        return only == null ? null : only.room().name;
    }

    /** The client's membership of {@code room}, or null. */
    Member membership(String room) {
        return room == null ? null : memberships.get(room);
    }

    /** Whether the client is a member of {@code room}, this very one (not one closed and opened anew). */
    boolean isMemberOf(Room room) {
        Member member = memberships.get(room.name);
        return member != null && member.room() == room;
    }

    /** The client's membership when it has exactly one, else null. */
    Member onlyMembership() {
        if (memberships.size() != 1) {
            return null;
        }
        for (Member member : memberships.values()) {
            return member;
        }
        return null;
    }

    /** Every membership, at one moment. */
    List<Member> memberships() {
        return List.copyOf(memberships.values());
    }

    int membershipCount() {
        return memberships.size();
    }

    /** Under {@code member}'s room's lock. */
    void admitted(Member member) {
        memberships.put(member.room().name, member);
        joinedOnce = true;
    }

    /** Under {@code member}'s room's lock; false when it was not this client's membership. */
    boolean removed(Member member) {
        return memberships.remove(member.room().name, member);
    }

    /** The messages held while a join is on its way. */
    HeldMessages held() {
        return held;
    }

    /** Marks the client gone; true only for the first caller. */
    boolean markGone() {
        return gone.compareAndSet(false, true);
    }

    boolean isGone() {
        return gone.get();
    }
}
