package io.rooms;

import io.rooms.spi.Scheduler;
import java.util.HashSet;
import java.util.Set;

/**
 * One newcomer's wait for the room's state: who was asked, who is asked now, and the time-out.
 * Guarded by its room's lock.
 */
final class PendingHandoff {
    final Client newcomer;
    final Set<String> asked = new HashSet<>();
    /** The id of the member asked now; null while the next one is being chosen. */
    String current;
    Scheduler.Cancellable timeout;

    PendingHandoff(Client newcomer) {
        this.newcomer = newcomer;
    }

    void cancel() {
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
    }
}
