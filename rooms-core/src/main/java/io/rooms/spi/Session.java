package io.rooms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A member's stay in a room, as the bus keeps it so that a client can resume it on any node.
 *
 * @param id the opaque session id the client got in {@code joined}
 * @param room the room
 * @param member who the member was: the same id, name, color and user come back on a resume
 * @param endedAt when its connection ended; null while it lasts
 */
public record Session(String id, String room, MemberInfo member, Instant endedAt) {
    /**
     * How long a bus keeps an ended session past the resume window, so that one resumed just too
     * late reads as expired rather than unknown.
     */
    public static final java.time.Duration KEPT_PAST_WINDOW = java.time.Duration.ofMinutes(1);

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(member, "member");
    }

    public Session endedAt(Instant value) {
        return new Session(id, room, member, value);
    }
}
