package io.rooms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a connection is, as its {@link io.rooms.spi.Authenticator} found at the handshake.
 *
 * @param user the user id; null only for {@link #ANONYMOUS}
 * @param name the display name, or null for a generated one
 * @param rooms the rooms it may join
 * @param expiresAt when the connection must end (code 4001) unless refreshed; null for never
 */
public record Identity(String user, String name, RoomAccess rooms, Instant expiresAt) {
    /** A client nobody vouched for: what every connection is while authentication is off. */
    public static final Identity ANONYMOUS = new Identity(null, null, RoomAccess.ALL, null);

    public Identity {
        Objects.requireNonNull(rooms, "rooms");
    }

    /** A user who may join every room and never expires. */
    public static Identity of(String user, String name) {
        return new Identity(Objects.requireNonNull(user, "user"), name, RoomAccess.ALL, null);
    }

    public boolean isAnonymous() {
        return user == null;
    }
}
