package io.rooms.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where room state is persisted. The core calls it off the delivery path only: every method returns
 * a stage and must not block the caller for I/O.
 *
 * <p>Implementations must be thread-safe. The core serialises writes per room, so a store sees at most
 * one {@link #save} in flight for one room at a time.
 */
public interface RoomStore extends AutoCloseable {

    /** The saved state of {@code room}, or empty. */
    CompletionStage<Optional<StoredState>> load(String room);

    /** Saves {@code stateJson} (a JSON text) as the state of {@code room}, replacing any older one. */
    CompletionStage<Void> save(String room, String stateJson);

    /**
     * Saves {@code stateJson} as the state of {@code room} unless the store holds one with the same or
     * a higher {@code seq}, the state's place in its room's cluster-wide order (the same seq is the
     * same state). A {@code seq} of 0
     * means "no order" and always replaces. Stores that keep no order may ignore it, as the default
     * does; then with several nodes the last write wins.
     */
    default CompletionStage<Void> save(String room, String stateJson, long seq) {
        return save(room, stateJson);
    }

    /** The names of all rooms that have saved state. */
    CompletionStage<List<String>> list();

    /** Forgets {@code room}'s state; completes normally when there was none. */
    CompletionStage<Void> delete(String room);

    @Override
    default void close() {}
}
