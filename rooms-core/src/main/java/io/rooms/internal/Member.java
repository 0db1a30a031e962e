package io.rooms.internal;

import io.rooms.MemberInfo;

/** A client's place in one room's activity list. Guarded by the room's lock. */
final class Member {
    final Client client;
    final MemberInfo info;
    Member prev;
    Member next;

    Member(Client client, MemberInfo info) {
        this.client = client;
        this.info = info;
    }
}
