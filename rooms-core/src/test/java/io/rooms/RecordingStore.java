package io.rooms;

import io.rooms.spi.RoomStore;
import io.rooms.spi.StoredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An in-memory store that records each write and can be made to fail, as a database outage would. */
final class RecordingStore implements RoomStore {
    record Write(String room, String json) {}

    private final InMemoryRoomStore delegate = new InMemoryRoomStore();
    private final List<Write> writes = new ArrayList<>();
    private volatile boolean down;
    /** Runs inside the next save, on the saver's thread, as a re-entrant store could; then is cleared. */
    volatile Runnable duringNextSave;
    private int failures;

    @Override
    public CompletionStage<Optional<StoredState>> load(String room) {
        return delegate.load(room);
    }

    @Override
    public synchronized CompletionStage<Void> save(String room, String stateJson) {
        Runnable hook = duringNextSave;
        if (hook != null) {
            duringNextSave = null;
            hook.run();
        }
        if (down) {
            failures++;
            return CompletableFuture.failedFuture(new IllegalStateException("database unreachable"));
        }
        writes.add(new Write(room, stateJson));
        return delegate.save(room, stateJson);
    }

    @Override
    public CompletionStage<List<String>> list() {
        return delegate.list();
    }

    @Override
    public CompletionStage<Void> delete(String room) {
        return delegate.delete(room);
    }

    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    synchronized int failures() {
        return failures;
    }

    void setDown(boolean value) {
        down = value;
    }

    String saved(String room) {
        return delegate.load(room).toCompletableFuture().join().map(StoredState::json).orElse(null);
    }
}
