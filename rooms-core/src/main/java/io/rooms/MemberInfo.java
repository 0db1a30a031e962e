package io.rooms;

import java.util.Objects;

/** A room member as others see it. */
public record MemberInfo(String id, String name, String color) {
    public MemberInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
    }
}
