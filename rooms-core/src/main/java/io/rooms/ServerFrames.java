package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.BusEvent;
import java.util.List;

/** The server's frames, built in one place from domain values. Stateless. */
final class ServerFrames {
    private ServerFrames() {}

    /**
     * To a joiner: who it is, who is there, the room's number at its join ({@code seq}, 0 when the
     * bus could not be reached, then left out), its {@code session} (null: none) and whether it
     * resumed one.
     */
    static String joined(String room, MemberInfo self, List<MemberInfo> members, long seq, String session,
            boolean recovered) {
        FrameBuilder frame = FrameBuilder.of("joined").str("room", room).str("id", self.id()).str("name", self.name())
                .str("color", self.color()).optional("user", self.user()).members("members", members);
        return seq(frame, seq).optional("session", session).bool("recovered", recovered).build();
    }

    static String memberJoined(String room, MemberInfo info, long seq) {
        return seq(FrameBuilder.of("memberJoined").str("room", room).str("id", info.id()).str("name", info.name())
                .str("color", info.color()).optional("user", info.user()), seq).build();
    }

    static String memberLeft(String room, String id, long seq) {
        return seq(FrameBuilder.of("memberLeft").str("room", room).str("id", id), seq).build();
    }

    /** A member's presence in the room changed ({@code meta}, raw JSON text; null: cleared). */
    static String memberUpdated(BusEvent.Updated updated) {
        return seq(FrameBuilder.of("memberUpdated").str("room", updated.room()).str("id", updated.member())
                .raw("meta", updated.meta()), updated.seq()).build();
    }

    /** A room message; one to the whole room carries its number, a direct one none. */
    static String said(BusEvent.Said said) {
        FrameBuilder frame = FrameBuilder.of(said.action(), said.data()).str("room", said.room());
        if (said.data() != null) {
            frame.raw("data", said.data());
        }
        frame.str("from", said.from());
        return (said.to() == null ? seq(frame, said.seq()) : frame).build();
    }

    /** The frame a room event is, for a member that missed it. */
    static String of(BusEvent event) {
        if (event instanceof BusEvent.Joined joined) {
            return memberJoined(joined.room(), joined.member(), joined.seq());
        }
        if (event instanceof BusEvent.Left left) {
            return memberLeft(left.room(), left.member(), left.seq());
        }
        if (event instanceof BusEvent.Updated updated) {
            return memberUpdated(updated);
        }
        return said((BusEvent.Said) event);
    }

    private static FrameBuilder seq(FrameBuilder frame, long seq) {
        return seq > 0 ? frame.num("seq", seq) : frame;
    }

    /** The {@code state} a newcomer gets, answered by a member ("peer") or loaded ("store"). */
    static String state(String room, String data, String source) {
        return FrameBuilder.of("state", data).str("room", room).raw("data", data).str("source", source).build();
    }

    static String requestState(String room, String newcomer) {
        return FrameBuilder.of("requestState").str("room", room).str("for", newcomer).build();
    }

    static String roomFull(String room, int max) {
        return FrameBuilder.of("roomFull").str("room", room).num("max", max).build();
    }

    /** A refresh was taken: the connection now ends at {@code expiresAt} (epoch seconds), or never. */
    static String refreshed(java.time.Instant expiresAt) {
        FrameBuilder frame = FrameBuilder.of("refreshed");
        return (expiresAt == null ? frame.raw("exp", null) : frame.num("exp", expiresAt.getEpochSecond())).build();
    }

    /** To a member the server took out of {@code room}. */
    static String removed(String room) {
        return FrameBuilder.of("removed").str("room", room).build();
    }

    /** An error caused by the message with {@code ref} (raw JSON text), which it carries. */
    static String error(String code, String message, String ref) {
        return error(code, message, ref, null);
    }

    /** An error caused by a message in {@code room} (null: none, or the client's one room). */
    static String error(String code, String message, String ref, String room) {
        FrameBuilder frame = FrameBuilder.of("error").str("code", code).str("message", message).optional("room", room);
        return (ref == null ? frame : frame.raw("ref", ref)).build();
    }

    /** The message with {@code ref} (raw JSON text) was accepted. */
    static String ack(String ref) {
        return FrameBuilder.of("ack").raw("ref", ref).build();
    }

    static String pong() {
        return FrameBuilder.of("pong").build();
    }

    static String reply(String action, String rawData) {
        return FrameBuilder.of(action, rawData).raw("data", rawData).build();
    }
}
