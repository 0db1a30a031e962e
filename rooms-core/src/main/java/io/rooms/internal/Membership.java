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

    Membership(Engine engine, Rooms rooms, Bus bus, Handoffs handoffs, StateSaver saver, Outage outage,
            int maxRoomSize, int maxRooms) {
        this.engine = engine;
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
        leave(client);
        Room room = rooms.acquire(name);
        if (room == null) {
            engine.error(client, ErrorCode.ROOM_LIMIT, "the server has reached its limit of " + maxRooms + " rooms");
            return;
        }
        MemberInfo info = client.info();
        client.joining = room;
        client.joinStarted();
        room.subscribed
                .thenCompose(subscribed -> bus.join(name, info, maxRoomSize))
                .whenComplete((admission, failure) -> admitted(client, room, info, admission, failure));
    }

    private void admitted(Client client, Room room, MemberInfo info, Bus.Admission admission, Throwable failure) {
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
                if (failure == null) {
                    members = admission.members();
                    batch.send(client, Frames.joined(room.name, info, members));
                    room.catchUp(client, admission.seq(), batch);
                } else {
                    outage.unreachable("join", failure);
                    members = room.members();
                    batch.send(client, Frames.joined(room.name, info, members));
                    room.deliver(0, info.id(), Frames.memberJoined(room.name, info), batch);
                }
                if (members.size() > 1) {
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
                    batch.send(client, Frames.joined(room.name, client.member.info(), members));
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
            if (!room.remove(client)) {
                return false;
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
