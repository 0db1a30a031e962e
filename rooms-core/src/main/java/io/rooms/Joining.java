package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.MemberInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@code newClient} or {@code join}, top to bottom: the checks (name, access, profile, the cap),
 * the other rooms left (for {@code newClient}), the room taken, the session resumed if asked, the
 * admission by the bus, and then, under the room's lock and only if the client is still there, the
 * membership, {@code joined} and what it missed; last, the state hand-off. The client's next
 * messages wait until the join is answered. Thread-safe.
 */
final class Joining {
    private final LocalRooms rooms;
    private final Bus bus;
    private final AccessControl access;
    private final Leaving leaving;
    private final Resumes resumes;
    private final SessionTracker sessions;
    private final HandoffCoordinator handoffs;
    private final Outage outage;
    private final RoomLookup views;
    private final EngineSettings settings;

    private Joining(Builder builder) {
        this.rooms = builder.rooms;
        this.bus = builder.bus;
        this.access = builder.access;
        this.leaving = builder.leaving;
        this.resumes = builder.resumes;
        this.sessions = builder.sessions;
        this.handoffs = builder.handoffs;
        this.outage = builder.outage;
        this.views = builder.views;
        this.settings = builder.settings;
    }

    static Builder builder() {
        return new Builder();
    }

    /** A {@code newClient} ({@code keepOthers} false) or a {@code join} (the client keeps its rooms). */
    void join(MessageContext context, Message message, boolean keepOthers) {
        Client client = context.client();
        String name = message.room();
        if (keepOthers) {
            context.answersJoinOf(name); // a client in several rooms needs to know which join was refused
        }
        if (!LocalRooms.isValidName(name)) {
            context.error(ErrorCode.BAD_ROOM, "room names match [A-Za-z0-9._-]{1,64}");
            return;
        }
        if (!access.mayJoin(client, name)) {
            context.error(ErrorCode.FORBIDDEN, "you may not join room " + name);
            return;
        }
        if (client.membershipCount() == 0 && !Profile.apply(context, client, message.data())) {
            return; // a profile names the connection, in its first room only
        }
        Member current = client.membership(name);
        if (current != null) {
            rejoin(client, current.room());
            return;
        }
        boolean wasInARoom;
        if (keepOthers) {
            // Messages after a join wait until it is answered, so no other join of this client is on its way.
            if (client.membershipCount() >= settings.maxRoomsPerConnection()) {
                context.error(ErrorCode.TOO_MANY_ROOMS,
                        "a connection is in at most " + settings.maxRoomsPerConnection() + " rooms");
                return;
            }
            wasInARoom = false;
        } else {
            wasInARoom = leaving.leaveAll(client);
        }
        Room room = rooms.acquire(name);
        if (room == null) {
            context.error(ErrorCode.ROOM_LIMIT,
                    "the server has reached its limit of " + settings.maxRooms() + " rooms");
            return;
        }
        CompletableFuture<Void> answered = new CompletableFuture<>();
        context.holdUntil(answered);
        CompletionStage<Resumes.Resumed> resumed = message.resume() != null && !wasInARoom
                ? resumes.resume(client, room, message.resume())
                : CompletableFuture.completedFuture(null);
        resumed.thenAccept(resumedSession -> enter(client, room, resumedSession, answered));
    }

    /** The join proper, once the room's stream reaches this node: a fresh member, or a resumed one. */
    private void enter(Client client, Room room, Resumes.Resumed resumed, CompletableFuture<Void> answered) {
        MemberInfo info = client.info();
        room.subscribed
                .thenCompose(subscribed -> bus.join(room.name, info, settings.maxRoomSize()))
                .whenComplete((admission, failure) -> {
                    try {
                        admitted(client, room, info, admission, failure, resumed);
                    } finally {
                        answered.complete(null);
                    }
                });
    }

    /**
     * The bus answered: under the room's lock, the client becomes a member if it is still there
     * (else its place on the bus is given back), gets {@code joined}, and what it missed; then, with
     * no lock held, the frames are written and the state hand-off starts.
     */
    private void admitted(Client client, Room room, MemberInfo info, Bus.Admission admission, Throwable failure,
            Resumes.Resumed resumed) {
        Batch batch = new Batch();
        boolean joined = false;
        boolean undo = false;
        PendingHandoff handoff = null;
        synchronized (room) {
            if (failure == null && !admission.admitted()) {
                if (!client.isGone()) {
                    batch.send(client, ServerFrames.roomFull(room.name, settings.maxRoomSize()));
                }
            } else if (!room.admit(client, info)) {
                undo = failure == null;
            } else {
                joined = true;
                String session = sessions.joined(client, room.name, info, resumed == null ? null : resumed.session());
                List<MemberInfo> members;
                if (failure == null) {
                    members = admission.members();
                    batch.send(client, ServerFrames.joined(room.name, info, members, admission.seq(), session,
                            resumed != null));
                    long caughtUpTo = resumed == null ? admission.seq() : resumes.replay(client, resumed, batch);
                    room.catchUp(client, caughtUpTo, batch);
                } else {
                    outage.unreachable("join", failure);
                    members = room.members();
                    batch.send(client, ServerFrames.joined(room.name, info, members, 0, session, resumed != null));
                    if (resumed != null) {
                        resumes.replay(client, resumed, batch);
                    }
                    room.deliver(0, info.id(), ServerFrames.memberJoined(room.name, info, 0), batch);
                }
                if (members.size() > 1 && resumed == null) {
                    handoff = new PendingHandoff(client);
                    room.handoffs().put(client.id, handoff);
                }
            }
            room.endJoin();
            rooms.closeIfDeserted(room);
        }
        batch.flush();
        if (undo) {
            bus.leave(room.name, info.id());
        }
        if (handoff != null) {
            Watchdog.joined(client);
            handoffs.askNext(room, handoff);
        } else if (joined) {
            Watchdog.joined(client);
            handoffs.stateFromStore(room, client);
        }
    }

    /** A {@code newClient} for the room the client is in: {@code joined} again, with today's members. */
    private void rejoin(Client client, Room room) {
        views.members(room.name).thenAccept(members -> {
            Batch batch = new Batch();
            synchronized (room) {
                Member member = client.membership(room.name);
                if (member != null && member.room() == room) {
                    batch.send(client, ServerFrames.joined(room.name, member.info(), members, 0, client.session,
                            false));
                }
            }
            batch.flush();
        });
    }

    /** Its collaborators by name, not by position. */
    static final class Builder {
        private LocalRooms rooms;
        private Bus bus;
        private AccessControl access;
        private Leaving leaving;
        private Resumes resumes;
        private SessionTracker sessions;
        private HandoffCoordinator handoffs;
        private Outage outage;
        private RoomLookup views;
        private EngineSettings settings;

        Builder rooms(LocalRooms value) {
            this.rooms = value;
            return this;
        }

        Builder bus(Bus value) {
            this.bus = value;
            return this;
        }

        Builder access(AccessControl value) {
            this.access = value;
            return this;
        }

        Builder leaving(Leaving value) {
            this.leaving = value;
            return this;
        }

        Builder resumes(Resumes value) {
            this.resumes = value;
            return this;
        }

        Builder sessions(SessionTracker value) {
            this.sessions = value;
            return this;
        }

        Builder handoffs(HandoffCoordinator value) {
            this.handoffs = value;
            return this;
        }

        Builder outage(Outage value) {
            this.outage = value;
            return this;
        }

        Builder views(RoomLookup value) {
            this.views = value;
            return this;
        }

        Builder settings(EngineSettings value) {
            this.settings = value;
            return this;
        }

        Joining build() {
            return new Joining(this);
        }
    }
}
