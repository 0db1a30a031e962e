package io.rooms;

import io.rooms.spi.MemberInfo;

/**
 * A client of this node as a member of one room: one of its memberships. Its fields never change;
 * {@code presence} holds the membership's presence updates on their way out, under its own monitor.
 */
record Member(Client client, MemberInfo info, Room room, PresenceSlot presence) {
    Member(Client client, MemberInfo info, Room room) {
        this(client, info, room, new PresenceSlot());
    }
}
