package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.MemberInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client leaving its room: made real by the room first, under its lock (its session ends there),
 * then told to the bus; a room left empty is closed and its state written. Thread-safe.
 */
final class Leaving {
    private final LocalRooms rooms;
    private final Bus bus;
    private final SessionTracker sessions;
    private final StateSaver saver;
    private final Outage outage;

    Leaving(LocalRooms rooms, Bus bus, SessionTracker sessions, StateSaver saver, Outage outage) {
        this.rooms = rooms;
        this.bus = bus;
        this.sessions = sessions;
        this.saver = saver;
        this.outage = outage;
    }

    /** Leaves the client's room, if any, or the one its join is on its way to; true when it was in one. */
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
