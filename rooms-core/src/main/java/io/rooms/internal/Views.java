package io.rooms.internal;

import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import io.rooms.RoomView;
import io.rooms.spi.Bus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Rooms and members from the bus, this node's own while the bus is away: for the HTTP API and the core. */
final class Views {
    private Views() {}

    static CompletionStage<List<RoomSummary>> summaries(Bus bus, Rooms rooms) {
        return bus.rooms().handle((summaries, failure) -> failure == null ? summaries : local(rooms));
    }

    private static List<RoomSummary> local(Rooms rooms) {
        List<RoomSummary> list = new ArrayList<>();
        rooms.forEach(room -> {
            int size = room.size();
            if (size > 0) {
                list.add(new RoomSummary(room.name, size));
            }
        });
        list.sort(Comparator.comparing(RoomSummary::room));
        return list;
    }

    static CompletionStage<Optional<RoomView>> room(Bus bus, Rooms rooms, Outage outage, StateSaver saver,
            String name) {
        return members(bus, rooms, outage, name)
                .thenCompose(members -> saver.latest(name).thenApply(state -> members.isEmpty() && state.isEmpty()
                        ? Optional.<RoomView>empty()
                        : Optional.of(new RoomView(name, members, state.orElse(null)))));
    }

    /**
     * The room's members, most active first, from the bus; this node's own while the bus is away
     * (counted as a failure). Used wherever the core needs a room's member list.
     */
    static CompletionStage<List<MemberInfo>> members(Bus bus, Rooms rooms, Outage outage, String name) {
        return bus.members(name).handle((members, failure) -> {
            if (failure == null) {
                return members;
            }
            outage.unreachable("member list", failure);
            return local(rooms, name);
        });
    }

    private static List<MemberInfo> local(Rooms rooms, String name) {
        Room room = rooms.find(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.members();
        }
    }
}
