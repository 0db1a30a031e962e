package io.rooms.spi;

import java.util.Objects;

/**
 * A room member as others see it.
 *
 * @param user the authenticated user id (the token's {@code sub}); null for an anonymous client
 */
public record MemberInfo(String id, String name, String color, String user) {
    public MemberInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
    }

    /** An anonymous member. */
    public MemberInfo(String id, String name, String color) {
        this(id, name, color, null);
    }
}
