package io.rooms.internal;

import io.rooms.MemberInfo;
import io.rooms.spi.BusEvent;
import java.util.List;

/** The server's frames, built in one place from domain values. Stateless. */
final class Frames {
    private Frames() {}

    static String joined(String room, MemberInfo self, List<MemberInfo> members) {
        return Frame.of("joined").str("room", room).str("id", self.id()).str("name", self.name())
                .str("color", self.color()).optional("user", self.user()).members("members", members).build();
    }

    static String memberJoined(String room, MemberInfo info) {
        return Frame.of("memberJoined").str("room", room).str("id", info.id()).str("name", info.name())
                .str("color", info.color()).optional("user", info.user()).build();
    }

    static String memberLeft(String room, String id) {
        return Frame.of("memberLeft").str("room", room).str("id", id).build();
    }

    static String said(BusEvent.Said said) {
        Frame frame = Frame.of(said.action(), said.data()).str("room", said.room());
        if (said.data() != null) {
            frame.raw("data", said.data());
        }
        return frame.str("from", said.from()).build();
    }

    /** The {@code state} a newcomer gets, answered by a member ("peer") or loaded ("store"). */
    static String state(String room, String data, String source) {
        return Frame.of("state", data).str("room", room).raw("data", data).str("source", source).build();
    }

    static String requestState(String room, String newcomer) {
        return Frame.of("requestState").str("room", room).str("for", newcomer).build();
    }

    static String roomFull(String room, int max) {
        return Frame.of("roomFull").str("room", room).num("max", max).build();
    }

    /** A refresh was taken: the connection now ends at {@code expiresAt} (epoch seconds), or never. */
    static String refreshed(java.time.Instant expiresAt) {
        Frame frame = Frame.of("refreshed");
        return (expiresAt == null ? frame.raw("exp", null) : frame.num("exp", expiresAt.getEpochSecond())).build();
    }

    /** To a member the server took out of {@code room}. */
    static String removed(String room) {
        return Frame.of("removed").str("room", room).build();
    }

    static String error(String code, String message) {
        return Frame.of("error").str("code", code).str("message", message).build();
    }

    static String reply(String action, String rawData) {
        return Frame.of(action, rawData).raw("data", rawData).build();
    }
}
