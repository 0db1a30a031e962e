package io.rooms;

import io.rooms.spi.MemberInfo;

/** A client of this node as a member of one room: one of its memberships. Immutable. */
record Member(Client client, MemberInfo info, Room room) {}
