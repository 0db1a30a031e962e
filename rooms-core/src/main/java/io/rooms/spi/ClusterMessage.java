package io.rooms.spi;

import java.util.Objects;

/**
 * One entry of a room's stream, or one message from node to node.
 *
 * @param kind what it is
 * @param room the room it is about
 * @param seq its place in the room's stream; 0 until the cluster numbers it, and for node messages
 * @param origin the node that sent it; empty when the cluster itself did (a dead node's members)
 * @param member the member it is from or about (see {@link Kind})
 * @param other the second member, for kinds that name two; otherwise empty
 * @param frame the frame to deliver, serialised once; empty for kinds that carry none
 */
public record ClusterMessage(Kind kind, String room, long seq, String origin, String member, String other,
        String frame) {

    public ClusterMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(frame, "frame");
    }

    public ClusterMessage withSeq(long value) {
        return new ClusterMessage(kind, room, value, origin, member, other, frame);
    }

    public enum Kind {
        /** A room message from {@code member}, for everyone in the room but {@code member}. Room stream. */
        BROADCAST,
        /** {@code member} joined; {@code frame} is its {@code memberJoined}. Room stream. */
        JOINED,
        /** {@code member} left; {@code frame} is its {@code memberLeft}. Room stream. */
        LEFT,
        /** A room message from {@code member} for {@code other} alone. Node message. */
        DIRECT,
        /** Ask {@code other} for the room's state for the newcomer {@code member}. Node message. */
        REQUEST_STATE,
        /** {@code member}'s answer for the newcomer {@code other}; {@code frame} is its {@code state}. Node message. */
        STATE,
        /** A {@link #DIRECT} from {@code other} found no {@code member} in the room. Node message. */
        NO_SUCH_MEMBER
    }
}
