package io.rooms;

import io.rooms.spi.Scheduler;
import java.util.concurrent.CompletableFuture;

/** One room's state on its way to the store. Guarded by its own monitor; {@link StateSaver} owns it. */
final class SaveEntry {
    /** The last state written, or null. */
    String saved;
    /** The latest state not yet written, or null. */
    String pending;
    long pendingSeq;
    /** The highest place in the room's order offered so far: an offer behind it was overtaken. */
    long latestSeq;
    boolean writing;
    /** When the last write started; meaningful once {@link #everWritten}. */
    long writeStartedAt;
    boolean everWritten;
    /** The room has no members: forget the entry once its state is written. */
    boolean idle;
    int failures;
    Scheduler.Cancellable timer;
    CompletableFuture<Void> inflight = CompletableFuture.completedFuture(null);

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
