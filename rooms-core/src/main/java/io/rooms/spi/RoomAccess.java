package io.rooms.spi;

import java.util.List;

/**
 * Which rooms an identity may join: every room, or those named, where a name ending in {@code *}
 * is a prefix ({@code game-*}). Immutable.
 */
public final class RoomAccess {
    /** Every room. */
    public static final RoomAccess ALL = new RoomAccess(null);

    private final List<String> patterns;

    private RoomAccess(List<String> patterns) {
        this.patterns = patterns;
    }

    /**
     * The rooms {@code patterns} name: room names, or a prefix followed by {@code *}.
     *
     * @throws IllegalArgumentException for an entry that is neither
     */
    public static RoomAccess of(List<String> patterns) {
        for (String pattern : patterns) {
            String name = pattern != null && pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (name == null || !(name.isEmpty() && pattern.length() == 1 || RoomName.isValid(name))) {
                throw new IllegalArgumentException("a room entry is a room name or a prefix and '*', got " + pattern);
            }
        }
        return new RoomAccess(List.copyOf(patterns));
    }

    public boolean allows(String room) {
        if (patterns == null) {
            return true;
        }
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? room.startsWith(pattern.substring(0, pattern.length() - 1)) : room.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns == null ? "every room" : String.join(", ", patterns);
    }
}
