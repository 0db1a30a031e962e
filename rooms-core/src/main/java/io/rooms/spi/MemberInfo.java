package io.rooms.spi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * A room member as others see it in one room: who it is (the same in every room of its connection)
 * and its presence there.
 *
 * @param user the authenticated user id (the token's {@code sub}); null for an anonymous client
 * @param meta the member's presence in this room, a JSON object as raw text; null for none. Never
 *     written with the member's identity: a presence is the room's, kept beside it.
 */
public record MemberInfo(String id, String name, String color, String user, @JsonIgnore String meta) {
    public MemberInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
    }

    /** A member with no presence. */
    public MemberInfo(String id, String name, String color, String user) {
        this(id, name, color, user, null);
    }

    /** An anonymous member with no presence. */
    public MemberInfo(String id, String name, String color) {
        this(id, name, color, null, null);
    }

    /** This member with {@code value} as its presence (null: none). */
    public MemberInfo withMeta(String value) {
        return new MemberInfo(id, name, color, user, value);
    }
}
