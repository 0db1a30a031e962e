package io.rooms.internal;

import io.rooms.MemberInfo;

/** A client of this node as a member of one room. Immutable. */
record Member(Client client, MemberInfo info) {}
