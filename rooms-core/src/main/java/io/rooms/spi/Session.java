package io.rooms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A connection's stay in its rooms, as the cluster keeps it so that a client can resume it on any
 * node: one session per connection, the same in every room it joins.
 *
 * @param id the opaque session id the client got in {@code joined}
 * @param rooms the rooms the connection was in (at its end, for an ended one), in the order joined
 * @param member who the member was: the same id, name, color and user come back on a resume
 * @param endedAt when its connection ended; null while it lasts
 */
public record Session(String id, java.util.List<String> rooms, MemberInfo member, Instant endedAt) {
    /**
     * How long a bus keeps an ended session past the resume window, so that one resumed just too
     * late reads as expired rather than unknown.
     */
    public static final java.time.Duration KEPT_PAST_WINDOW = java.time.Duration.ofMinutes(1);

    public Session {
        Objects.requireNonNull(id, "id");
        rooms = java.util.List.copyOf(rooms);
        Objects.requireNonNull(member, "member");
    }

    public Session endedAt(Instant value) {
        return new Session(id, rooms, member, value);
    }
}
