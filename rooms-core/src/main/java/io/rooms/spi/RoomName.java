package io.rooms.spi;

import java.util.regex.Pattern;

/** What the contract allows as a room name: {@code [A-Za-z0-9._-]{1,64}}. */
public final class RoomName {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RoomName() {}

    /** Whether {@code room} is a valid room name; false for null. */
    public static boolean isValid(String room) {
        return room != null && VALID.matcher(room).matches();
    }
}
