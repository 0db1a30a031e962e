package io.rooms;

import io.rooms.spi.MemberInfo;
import java.util.List;

/**
 * One room as {@code GET /api/rooms/{room}} shows it.
 *
 * @param members most active first
 * @param state the latest state as JSON text (saved or about to be), or {@code null}
 */
public record RoomView(String room, List<MemberInfo> members, String state) {
    public RoomView {
        members = List.copyOf(members);
    }
}
