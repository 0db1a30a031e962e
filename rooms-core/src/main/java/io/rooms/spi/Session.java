package io.rooms.spi;

import io.rooms.MemberInfo;
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
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(member, "member");
    }

    public Session endedAt(Instant value) {
        return new Session(id, room, member, value);
    }
}
