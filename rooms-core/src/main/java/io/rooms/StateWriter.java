package io.rooms;

import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes {@link StateSaver} decides on: one room's pending state to the store, at most one write
 * in flight per room, the next one an interval after the start of the last, and a failed one again
 * with backoff. Forgets an idle room's entry once its state is written. Thread-safe: each entry is
 * guarded by its own monitor.
 */
final class StateWriter {
    private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(30);

    private final RoomStore store;
    private final Scheduler scheduler;
    private final Counters stats;
    private final ConcurrentMap<String, SaveEntry> entries;
    private final long intervalNanos;
    private final boolean ordered;
    private final AtomicBoolean outage = new AtomicBoolean();

    /** @param ordered whether the room's numbers are passed to the store (see {@link StateSaver}) */
    StateWriter(RoomStore store, Scheduler scheduler, Counters stats, ConcurrentMap<String, SaveEntry> entries,
            long intervalNanos, boolean ordered) {
        this.store = store;
        this.scheduler = scheduler;
        this.stats = stats;
        this.entries = entries;
        this.intervalNanos = intervalNanos;
        this.ordered = ordered;
    }

    /**
     * How long a change waits to be written: until one interval after the start of the room's last
     * write, so at most one write per interval; not at all when the room has had no write for an
     * interval (its first change since starting, or after a quiet spell). A trailing write alone
     * would leave that first change in memory for a whole interval with nothing of it on disk: a
     * crash then lost everything since the last write, which could be long before, however recent
     * the state due. Under the entry's lock.
     */
    long untilNextWrite(SaveEntry entry) {
        if (!entry.everWritten) {
            return 0;
        }
        return Math.max(0, intervalNanos - (scheduler.nanoTime() - entry.writeStartedAt));
    }

    void write(String room, SaveEntry entry) {
        String json;
        long seq;
        synchronized (entry) {
            entry.timer = null;
            if (entry.writing) {
                return;
            }
            if (entry.pending == null) {
                if (entry.idle) {
                    entries.remove(room, entry);
                }
                return;
            }
            json = entry.pending;
            seq = entry.pendingSeq;
            entry.pending = null;
            entry.writing = true;
            entry.writeStartedAt = scheduler.nanoTime();
            entry.everWritten = true;
            entry.inflight = new CompletableFuture<>();
        }
        CompletionStage<Void> saving;
        try {
            saving = store.save(room, json, ordered ? seq : 0);
        } catch (RuntimeException e) {
            saving = CompletableFuture.failedFuture(e);
        }
        saving.whenComplete((ignored, failure) -> written(room, entry, json, seq, failure));
    }

    private void written(String room, SaveEntry entry, String json, long seq, Throwable failure) {
        CompletableFuture<Void> attempt;
        synchronized (entry) {
            attempt = entry.inflight;
            entry.writing = false;
            if (failure == null) {
                entry.saved = json;
                entry.failures = 0;
                stats.saves.increment();
                if (outage.compareAndSet(true, false)) {
                    log.info("store is back: room state is being written again");
                }
                if (entry.pending != null) {
                    // One interval from the start of this write, not its end: a slow write must not
                    // stretch what a crash can lose past one interval.
                    entry.timer = scheduler.schedule(untilNextWrite(entry), () -> write(room, entry));
                } else if (entry.idle) {
                    entries.remove(room, entry);
                }
            } else {
                stats.storeFailures.increment();
                if (outage.compareAndSet(false, true)) {
                    log.warn("store write failed, retrying with backoff until it succeeds: {}", Causes.describe(failure));
                }
                if (entry.pending == null) {
                    entry.pending = json;
                    entry.pendingSeq = seq;
                }
                entry.failures++;
                long backoff = Math.min(MAX_BACKOFF, intervalNanos << Math.min(entry.failures - 1, 20));
                entry.timer = scheduler.schedule(backoff, () -> write(room, entry));
            }
        }
        attempt.complete(null);
    }
}
