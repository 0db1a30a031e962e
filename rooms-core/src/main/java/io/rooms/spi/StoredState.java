package io.rooms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A room's state as a store holds it.
 *
 * @param json the state, a JSON text
 * @param savedAt when it was written
 * @param version how many times the room's state has been written, counting from 1
 */
public record StoredState(String json, Instant savedAt, long version) {
    public StoredState {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(savedAt, "savedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
    }
}
