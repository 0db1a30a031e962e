package io.rooms.cluster.redis;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.RoomSummary;
import io.rooms.spi.Roster;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The {@link Roster} of a {@link RedisCluster}: reads of the registry its bus keeps. Thread-safe. */
final class RedisRoster implements Roster {
    private final Registry registry;
    private final Serial events;

    RedisRoster(Registry registry, Serial events) {
        this.registry = registry;
        this.events = events;
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        return events.hop(registry.members(room));
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        return events.hop(registry.rooms());
    }
}
