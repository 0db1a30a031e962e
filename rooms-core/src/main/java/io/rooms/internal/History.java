package io.rooms.internal;

import io.rooms.ResumeSettings;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One room's numbering and its latest events, for the in-memory bus: each event gets the number one
 * more than the last (the first is the microseconds of the wall clock), and the latest are kept
 * within the settings' count, bytes and window. Guarded by its own monitor.
 */
final class History {
    private record Entry(long seq, BusEvent event, long bytes, long at) {}

    private final ResumeSettings settings;
    private final Scheduler clock;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long last;
    private long bytes;
    private long lastAt;

    /** @param firstNumber one less than the first number this room gives */
    History(ResumeSettings settings, Scheduler clock, long firstNumber) {
        this.settings = settings;
        this.clock = clock;
        this.last = firstNumber;
    }

    /**
     * The number an event that is not the room's (a node event, a direct message) is placed at: the
     * room's latest, not one more, so that the room's own numbers have no gaps.
     */
    synchronized long current() {
        lastAt = clock.nanoTime();
        return last;
    }

    /** Numbers {@code event} (by {@code numbered}) and keeps it. */
    synchronized <E extends BusEvent> E append(java.util.function.LongFunction<E> numbered) {
        long now = clock.nanoTime();
        E event = numbered.apply(++last);
        lastAt = now;
        long size = sizeOf(event);
        entries.addLast(new Entry(last, event, size, now));
        bytes += size;
        trim(now);
        return event;
    }

    /** The events after {@code after}, if every one of them is still kept. */
    synchronized Optional<List<BusEvent>> since(long after) {
        trim(clock.nanoTime());
        if (after > last) {
            return Optional.empty(); // a number this room never gave
        }
        if (after == last) {
            return Optional.of(List.of());
        }
        if (entries.isEmpty() || entries.peekFirst().seq > after + 1) {
            return Optional.empty(); // too far behind: some are gone
        }
        List<BusEvent> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.seq > after) {
                missed.add(entry.event);
            }
        }
        return Optional.of(missed);
    }

    /** Whether nothing here can be asked for any more: its last event is older than the window. */
    synchronized boolean isStale() {
        return clock.nanoTime() - lastAt > settings.window().toNanos();
    }

    synchronized int size() {
        return entries.size();
    }

    private void trim(long now) {
        long oldest = now - settings.window().toNanos();
        while (!entries.isEmpty() && (entries.size() > settings.historySize() || bytes > settings.historyBytes()
                || entries.peekFirst().at < oldest)) {
            bytes -= entries.removeFirst().bytes;
        }
    }

    private static long sizeOf(BusEvent event) {
        if (event instanceof BusEvent.Said said) {
            return 64 + said.action().length() + (said.data() == null ? 0 : said.data().length());
        }
        if (event instanceof BusEvent.Joined joined) {
            return 64 + joined.member().name().length() + (joined.member().user() == null ? 0 : joined.member().user().length());
        }
        return 64;
    }
}
