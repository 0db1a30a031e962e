package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.MemberInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client leaving a room, or all of them: made real by the room first, under its lock (its session
 * ends with its last room), then told to the bus; a room left empty is closed and its state written. Thread-safe.
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

    /** Leaves every room the client is in (a {@code newClient}, a {@code leave} with no room); true when it was in one. */
    boolean leaveAll(Client client) {
        return leaveAll(client, false);
    }

    /** The client's connection ended: it leaves every room, and its session keeps them all, to be resumed. */
    void disconnected(Client client) {
        leaveAll(client, true);
    }

    private boolean leaveAll(Client client, boolean connectionEnded) {
        boolean left = false;
        for (Member member : client.memberships()) {
            left |= leave(client, member.room(), connectionEnded);
        }
        return left;
    }

    /** Leaves {@code room}; true when the client was a member of it. */
    boolean leave(Client client, Room room) {
        return leave(client, room, false);
    }

    private boolean leave(Client client, Room room, boolean connectionEnded) {
        boolean emptied;
        synchronized (room) {
            Member member = client.membership(room.name);
            if (member == null || member.room() != room || !room.remove(client)) {
                return false;
            }
            sessions.left(client, room.name, member.info(), connectionEnded);
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
