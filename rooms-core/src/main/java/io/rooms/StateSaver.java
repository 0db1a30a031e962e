package io.rooms;

import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import io.rooms.spi.StoredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes room state behind the delivery path, as the {@link SavePolicy} allows: skips states equal
 * (or similar) to the last saved one, writes at most once per room per interval with the latest
 * state last, writes at once when a room empties, retries a failing store with backoff and keeps
 * the latest state in memory until it is written. Thread-safe: each room's entry is guarded by its
 * own monitor, and at most one write per room is in flight.
 */
final class StateSaver {
    private static final Logger log = LoggerFactory.getLogger(StateSaver.class);
    private static final long RETRY_PAUSE = TimeUnit.MILLISECONDS.toNanos(200);

    private final RoomStore store;
    private final SavePolicy policy;
    private final Scheduler scheduler;
    private final Counters stats;
    private final ConcurrentMap<String, SaveEntry> entries = new ConcurrentHashMap<>();
    private final StateWriter writer;

    /**
     * @param ordered whether the store keeps states in the rooms' order ({@link RoomStore#save(String,
     *     String, long)}); a bus of one node numbers afresh at each start, so its numbers are not passed on
     */
    StateSaver(RoomStore store, SavePolicy policy, Scheduler scheduler, Counters stats, boolean ordered) {
        this.store = store;
        this.policy = policy;
        this.scheduler = scheduler;
        this.stats = stats;
        this.writer = new StateWriter(store, scheduler, stats, entries, policy.interval().toNanos(), ordered);
    }

    boolean isStateBearing(String action) {
        return policy.isStateBearing(action);
    }

    /**
     * Takes {@code json} as the room's latest state, with its place in the room's order ({@code seq};
     * 0: none, taken as the latest). An offer that arrives after a later one is skipped, and the store
     * never lets an older state replace a newer one.
     */
    void offer(String room, String json, long seq) {
        while (!offer(entries.computeIfAbsent(room, name -> new SaveEntry()), room, json, seq)) {
            Thread.onSpinWait(); // the entry was just forgotten; take the fresh one
        }
    }

    private boolean offer(SaveEntry entry, String room, String json, long seq) {
        synchronized (entry) {
            if (entries.get(room) != entry) {
                return false;
            }
            entry.idle = false;
            if (seq != 0 && seq < entry.latestSeq) {
                stats.skipped.increment(); // overtaken on its way here by a later state of the room
                return true;
            }
            entry.latestSeq = Math.max(entry.latestSeq, seq);
            if (entry.saved != null && (entry.saved.equals(json) || policy.similar().test(entry.saved, json))) {
                if (entry.pending != null) {
                    entry.pending = null;
                    stats.skipped.increment();
                }
                stats.skipped.increment();
                return true;
            }
            if (json.equals(entry.pending)) {
                stats.skipped.increment();
                return true;
            }
            if (entry.pending != null) {
                stats.skipped.increment();
            }
            entry.pending = json;
            entry.pendingSeq = seq;
            if (entry.timer == null && !entry.writing) {
                entry.timer = scheduler.schedule(writer.untilNextWrite(entry), () -> writer.write(room, entry));
            }
            return true;
        }
    }

    /** The room has no members left: write its pending state now, and forget it once written. */
    void roomEmptied(String room) {
        SaveEntry entry = entries.get(room);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            entry.idle = true;
            if (entry.writing) {
                return;
            }
            if (entry.pending == null) {
                entries.remove(room, entry);
                return;
            }
            entry.cancelTimer();
        }
        writer.write(room, entry);
    }

    /** The room's latest state: pending, last saved, or from the store. */
    CompletionStage<Optional<String>> latest(String room) {
        SaveEntry entry = entries.get(room);
        if (entry != null) {
            synchronized (entry) {
                String known = entry.pending != null ? entry.pending : entry.saved;
                if (known != null) {
                    return CompletableFuture.completedFuture(Optional.of(known));
                }
            }
        }
        return store.load(room).thenApply(found -> found.map(StoredState::json));
    }

    /** Writes every pending state now and waits for the writes, up to {@code timeout}. */
    boolean flushAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<CompletableFuture<Void>> waits = new ArrayList<>();
            entries.forEach((room, entry) -> {
                boolean writeNow;
                synchronized (entry) {
                    writeNow = entry.pending != null && !entry.writing;
                    if (writeNow) {
                        entry.cancelTimer();
                    }
                }
                if (writeNow) {
                    writer.write(room, entry);
                }
                synchronized (entry) {
                    if (entry.pending != null || entry.writing) {
                        waits.add(entry.inflight);
                    }
                }
            });
            if (waits.isEmpty()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("shutdown: {} room state(s) could not be written in time", waits.size());
                return false;
            }
            try {
                CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                // Timed out: the deadline check above ends the loop.
            }
            if (pendingCount() > 0) {
                // A write failed: give the store a moment before the next pass, within the deadline.
                LockSupport.parkNanos(Math.min(RETRY_PAUSE, Math.max(0, deadline - System.nanoTime())));
            }
        }
    }

    /** Rooms with state not yet written; for tests and metrics. */
    int pendingCount() {
        int count = 0;
        for (SaveEntry entry : entries.values()) {
            synchronized (entry) {
                if (entry.pending != null || entry.writing) {
                    count++;
                }
            }
        }
        return count;
    }

    int trackedRooms() {
        return entries.size();
    }
}
