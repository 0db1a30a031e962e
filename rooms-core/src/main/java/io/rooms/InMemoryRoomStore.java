package io.rooms;

import io.rooms.spi.RoomStore;
import io.rooms.spi.StoredState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link RoomStore} in a map: the default when no database is configured, and for tests. Thread-safe. */
public final class InMemoryRoomStore implements RoomStore {
    private final ConcurrentMap<String, StoredState> states = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> seqs = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRoomStore() {
        this(Clock.systemUTC());
    }

    public InMemoryRoomStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Optional<StoredState>> load(String room) {
        return CompletableFuture.completedFuture(Optional.ofNullable(states.get(room)));
    }

    @Override
    public CompletionStage<Void> save(String room, String stateJson) {
        states.compute(room, (name, old) ->
                new StoredState(stateJson, clock.instant(), old == null ? 1 : old.version() + 1));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> save(String room, String stateJson, long seq) {
        if (seq == 0) {
            return save(room, stateJson);
        }
        seqs.compute(room, (name, saved) -> {
            if (saved != null && saved >= seq) {
                return saved;
            }
            save(room, stateJson);
            return seq;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<String>> list() {
        return CompletableFuture.completedFuture(List.copyOf(states.keySet()));
    }

    @Override
    public CompletionStage<Void> delete(String room) {
        states.remove(room);
        seqs.remove(room);
        return CompletableFuture.completedFuture(null);
    }
}
