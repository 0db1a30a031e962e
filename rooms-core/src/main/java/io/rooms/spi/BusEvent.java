package io.rooms.spi;

import java.util.Objects;

/**
 * What crosses the {@link Bus}: domain values, never wire frames. Only the core renders frames.
 * Room events ({@link Joined}, {@link Left}, {@link Updated}, {@link Said} without {@code to}) are numbered by the
 * room's sequence and reach every node that subscribed to the room; node events ({@link Said} with
 * {@code to}, {@link StateAsked}, {@link StateGiven}, {@link Removed}) reach the node of the member
 * they are for.
 */
public sealed interface BusEvent {

    /** The room the event is about. */
    String room();

    /**
     * The event's place in its room's numbering: its {@code seq} for a room-wide event (joined, left,
     * presence, said to the room), -1 for one that is for one member (a direct message, a node
     * event), which is placed at the room's latest number and is not one more.
     */
    static long roomSeq(BusEvent event) {
        if (event instanceof Joined joined) {
            return joined.seq();
        }
        if (event instanceof Left left) {
            return left.seq();
        }
        if (event instanceof Updated updated) {
            return updated.seq();
        }
        if (event instanceof Said said && said.to() == null) {
            return said.seq();
        }
        return -1;
    }

    /** An event addressed to one member, delivered to that member's node only. */
    sealed interface NodeEvent extends BusEvent {
        /** The id of the member the event is for. */
        String target();
    }

    /** {@code member} joined {@code room}; its entry in the room's stream is {@code seq}. */
    record Joined(String room, long seq, MemberInfo member) implements BusEvent {
        public Joined {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(member, "member");
        }
    }

    /** The member {@code member} left {@code room} (or its node died); its entry is {@code seq}. */
    record Left(String room, long seq, String member) implements BusEvent {
        public Left {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * The member {@code member} set its presence in {@code room} to {@code meta} (a JSON object as
     * raw text, or null: cleared); its entry is {@code seq}.
     */
    record Updated(String room, long seq, String member, String meta) implements BusEvent {
        public Updated {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * A room message: {@code action} with {@code data} (raw JSON text, or null) from {@code from} (a
     * member id, or {@code "server"}), to the whole room or, with {@code to}, to that member alone.
     * With {@code promote}, the bus first moves {@code from} to the front of the room's activity order.
     */
    record Said(String room, long seq, String from, String action, String data, String to, boolean promote)
            implements BusEvent {
        public Said {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(action, "action");
        }

        public Said withSeq(long value) {
            return new Said(room, value, from, action, data, to, promote);
        }
    }

    /** Ask {@code asked} for the room's state on behalf of the newcomer {@code newcomer}. */
    record StateAsked(String room, String newcomer, String asked) implements NodeEvent {
        public StateAsked {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(newcomer, "newcomer");
            Objects.requireNonNull(asked, "asked");
        }

        @Override
        public String target() {
            return asked;
        }
    }

    /**
     * {@code from}'s answer to a {@link StateAsked}: {@code data} (raw JSON text) for the newcomer,
     * numbered {@code seq} in the room's order by the bus. With {@code promote}, the bus first moves
     * {@code from} to the front of the room.
     */
    record StateGiven(String room, long seq, String from, String newcomer, String data, boolean promote)
            implements NodeEvent {
        public StateGiven {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(newcomer, "newcomer");
        }

        public StateGiven withSeq(long value) {
            return new StateGiven(room, value, from, newcomer, data, promote);
        }

        @Override
        public String target() {
            return newcomer;
        }
    }

    /** The server takes {@code target} out of {@code room}: the member's node makes it leave and tells it. */
    record Removed(String room, String target) implements NodeEvent {
        public Removed {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * A client resumes {@code target}'s session on another connection: the member's node closes the
     * old connection (which ends the session) so that the new one can take its place.
     */
    record Replaced(String room, String target) implements NodeEvent {
        public Replaced {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(target, "target");
        }
    }
}
