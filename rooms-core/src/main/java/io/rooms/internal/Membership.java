package io.rooms.internal;

import io.rooms.ErrorCode;
import io.rooms.MemberInfo;
import io.rooms.Message;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joining and leaving, on one path for one node and for a cluster: a join is admitted by the bus
 * (capacity, activity order, the room's stream) and then made real by the room, under its lock,
 * only if the client is still there; a leave is made real by the room first, then told to the bus.
 * What a client sends while its join is on its way is held and dispatched after it. Thread-safe.
 */
final class Membership {
    private final Engine engine;
    private final Rooms rooms;
    private final Bus bus;
    private final Handoffs handoffs;
    private final StateSaver saver;
    private final Outage outage;
    private final int maxRoomSize;
    private final int maxRooms;
    private final Sessions sessions;
    private final Resumes resumes;

    Membership(Engine engine, Rooms rooms, Bus bus, Handoffs handoffs, StateSaver saver, Outage outage,
            Sessions sessions, io.rooms.spi.Scheduler scheduler, java.time.Duration takeOver, int maxRoomSize,
            int maxRooms) {
        this.engine = engine;
        this.sessions = sessions;
        this.resumes = new Resumes(engine, this, bus, sessions, scheduler, takeOver);
        this.rooms = rooms;
        this.bus = bus;
        this.handoffs = handoffs;
        this.saver = saver;
        this.outage = outage;
        this.maxRoomSize = maxRoomSize;
        this.maxRooms = maxRooms;
    }

    void join(Client client, Message message) {
        String name = message.room();
        if (!Rooms.isValidName(name)) {
            engine.error(client, ErrorCode.BAD_ROOM, "room names match [A-Za-z0-9._-]{1,64}");
            return;
        }
        if (!engine.mayJoin(client, name)) {
            engine.error(client, ErrorCode.FORBIDDEN, "you may not join room " + name);
            return;
        }
        if (!Profile.apply(engine, client, message.data())) {
            return;
        }
        Room current = client.room;
        if (current != null && current.name.equals(name)) {
            rejoin(client, current);
            return;
        }
        boolean wasInARoom = leave(client);
        Room room = rooms.acquire(name);
        if (room == null) {
            engine.error(client, ErrorCode.ROOM_LIMIT, "the server has reached its limit of " + maxRooms + " rooms");
            return;
        }
        client.joining = room;
        client.joinStarted();
        if (message.resume() != null && !wasInARoom) {
            resumes.resume(client, room, message.resume());
        } else {
            enter(client, room, null);
        }
    }

    /**
     * The join proper, once the room's stream reaches this node: a fresh member ({@code resumed}
     * null: a new session, the state hand-off) or a resumed one (its session, and what it missed).
     */
    void enter(Client client, Room room, Resumes.Resumed resumed) {
        MemberInfo info = client.info();
        room.subscribed
                .thenCompose(subscribed -> bus.join(room.name, info, maxRoomSize))
                .whenComplete((admission, failure) -> admitted(client, room, info, admission, failure, resumed));
    }

    private void admitted(Client client, Room room, MemberInfo info, Bus.Admission admission, Throwable failure,
            Resumes.Resumed resumed) {
        Batch batch = new Batch();
        boolean joined = false;
        boolean undo = false;
        Handoff handoff = null;
        List<MemberInfo> members = List.of();
        synchronized (room) {
            if (failure == null && !admission.admitted()) {
                if (!client.isGone()) {
                    batch.send(client, Frames.roomFull(room.name, maxRoomSize));
                }
            } else if (!room.admit(client, info)) {
                undo = failure == null;
            } else {
                joined = true;
                String session = sessions.start(client, room.name, info, resumed == null ? null : resumed.session());
                if (failure == null) {
                    members = admission.members();
                    batch.send(client, Frames.joined(room.name, info, members, admission.seq(), session,
                            resumed != null));
                    long caughtUpTo = admission.seq();
                    if (resumed != null) {
                        caughtUpTo = resumes.replay(client, resumed, batch);
                    }
                    room.catchUp(client, caughtUpTo, batch);
                } else {
                    outage.unreachable("join", failure);
                    members = room.members();
                    batch.send(client, Frames.joined(room.name, info, members, 0, session, resumed != null));
                    if (resumed != null) {
                        resumes.replay(client, resumed, batch);
                    }
                    room.deliver(0, info.id(), Frames.memberJoined(room.name, info, 0), batch);
                }
                if (members.size() > 1 && resumed == null) {
                    handoff = new Handoff(client);
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
        if (joined) {
            engine.joined(client);
        }
        engine.joinEnded(client);
        if (handoff != null) {
            handoffs.askNext(room, handoff);
        } else if (joined) {
            handoffs.stateFromStore(room, client);
        }
    }

    private void rejoin(Client client, Room room) {
        Views.members(bus, rooms, outage, room.name).thenAccept(members -> {
            Batch batch = new Batch();
            synchronized (room) {
                if (client.room == room) {
                    batch.send(client, Frames.joined(room.name, client.member.info(), members, 0, client.session,
                            false));
                }
            }
            batch.flush();
        });
    }

    /** Leaves the client's room, if any; true when it was in one. */
    boolean leave(Client client) {
        Room pending = client.joining; // read before room: a join admitted meanwhile wrote room first
        Room room = client.room;
        if (room == null) {
            room = pending;
        }
        if (room == null) {
            return false;
        }
        boolean emptied;
        synchronized (room) {
            Member member = client.member;
            if (!room.remove(client)) {
                return false;
            }
            if (member != null) {
                sessions.end(client, room.name, member.info());
            }
            emptied = rooms.closeIfDeserted(room);
        }
        BusEvent.Left left = new BusEvent.Left(room.name, 0, client.id);
        bus.leave(room.name, client.id).whenComplete((done, failure) -> {
            if (failure != null) {
                outage.failed("leave", failure, left);
            }
        });
        if (emptied) {
            saver.roomEmptied(room.name);
        }
        return true;
    }

    /** This node's members by room, for the bus to register again. */
    Map<String, List<MemberInfo>> localMembers() {
        Map<String, List<MemberInfo>> local = new LinkedHashMap<>();
        for (Room room : rooms.all()) {
            synchronized (room) {
                if (!room.isClosed() && room.size() > 0) {
                    local.put(room.name, room.members());
                }
            }
        }
        return local;
    }
}
