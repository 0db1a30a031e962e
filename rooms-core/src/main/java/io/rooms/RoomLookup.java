package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.RoomSummary;
import io.rooms.spi.Roster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Rooms and members from the {@link Roster}, this node's own while the roster is out of reach: for
 * the HTTP API and the core. Thread-safe.
 */
final class RoomLookup {
    private final Roster roster;
    private final LocalRooms rooms;
    private final Outage outage;
    private final StateSaver saver;

    RoomLookup(Roster roster, LocalRooms rooms, Outage outage, StateSaver saver) {
        this.roster = roster;
        this.rooms = rooms;
        this.outage = outage;
        this.saver = saver;
    }

    CompletionStage<List<RoomSummary>> summaries() {
        return roster.rooms().handle((summaries, failure) -> failure == null ? summaries : localSummaries());
    }

    private List<RoomSummary> localSummaries() {
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

    CompletionStage<Optional<RoomView>> room(String name) {
        return members(name)
                .thenCompose(members -> saver.latest(name).thenApply(state -> members.isEmpty() && state.isEmpty()
                        ? Optional.<RoomView>empty()
                        : Optional.of(new RoomView(name, members, state.orElse(null)))));
    }

    /**
     * The room's members, most active first, from the roster; this node's own while it is out of
     * reach (counted as a failure). Used wherever the core needs a room's member list.
     */
    CompletionStage<List<MemberInfo>> members(String name) {
        return roster.members(name).handle((members, failure) -> {
            if (failure == null) {
                return members;
            }
            outage.unreachable("member list", failure);
            return localMembers(name);
        });
    }

    private List<MemberInfo> localMembers(String name) {
        Room room = rooms.find(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.members();
        }
    }
}
