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

/** What the HTTP API shows: rooms and members from the bus, this node's own while the bus is away. */
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

    static CompletionStage<Optional<RoomView>> room(Bus bus, Rooms rooms, StateSaver saver, String name) {
        return bus.members(name)
                .handle((members, failure) -> failure == null ? members : local(rooms, name))
                .thenCompose(members -> saver.latest(name).thenApply(state -> members.isEmpty() && state.isEmpty()
                        ? Optional.<RoomView>empty()
                        : Optional.of(new RoomView(name, members, state.orElse(null)))));
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
