package io.rooms;

import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * One room's numbering and its latest events, for the in-memory bus: each event gets the number one
 * more than the last (the first is the microseconds of the wall clock), and the latest are kept
 * within the settings' count, bytes and window. Guarded by its own monitor.
 *
 * <p>The kept events live in arrays that live as long as the room: their numbers, times and sizes
 * in a ring of slots, and a room message's fields encoded as UTF-8 in a ring of bytes. Other events
 * (joins, leaves and presence) are kept as they are. Kept as objects, the last seconds of every room's messages
 * would be alive at each young collection, and copied; arrays as old as the room cost it nothing
 * (docs/performance.md has the figures).
 */
final class History {
    /** What a kept event costs besides its encoding: its slot. */
    private static final int SLOT_BYTES = 32;
    private static final int FIRST_SLOTS = 16;

    private final String room;
    private final ResumeSettings settings;
    private final Scheduler clock;
    private long last;
    private long lastAt;

    /** The ring of slots: the kept events, oldest at {@code first}. */
    private long[] seqs = new long[0];
    private long[] ats = new long[0];
    /**
     * The length of a room message's encoding in {@link #ring}; -1 for an event kept as is. The
     * encodings follow each other in the slots' order from the ring's start.
     */
    private int[] lengths = new int[0];
    private BusEvent[] others = new BusEvent[0];
    private int first;
    private int count;
    private long bytes;

    /** The encodings of the kept room messages, oldest first. */
    private final Utf8Ring ring = new Utf8Ring();

    /** @param firstNumber one less than the first number this room gives */
    History(String room, ResumeSettings settings, Scheduler clock, long firstNumber) {
        this.room = room;
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
    synchronized <E extends BusEvent> E append(LongFunction<E> numbered) {
        long now = clock.nanoTime();
        E event = numbered.apply(++last);
        lastAt = now;
        trim(now);
        keep(event, last, now);
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
        if (count == 0 || seqs[first] > after + 1) {
            return Optional.empty(); // too far behind: some are gone
        }
        List<BusEvent> missed = new ArrayList<>();
        int at = ring.start();
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % seqs.length;
            if (seqs[slot] > after) {
                missed.add(lengths[slot] < 0 ? others[slot] : said(seqs[slot], at));
            }
            if (lengths[slot] >= 0) {
                at = ring.advance(at, lengths[slot]);
            }
        }
        return Optional.of(missed);
    }

    /** Whether nothing here can be asked for any more: its last event is older than the window. */
    synchronized boolean isStale() {
        return clock.nanoTime() - lastAt > settings.window().toNanos();
    }

    synchronized int size() {
        return count;
    }

    private void keep(BusEvent event, long seq, long now) {
        byte[][] fields = event instanceof BusEvent.Said said && Utf8Ring.isEncodable(said) ? Utf8Ring.fields(said)
                : null;
        int length = fields == null ? -1 : Utf8Ring.encodedLength(fields);
        long size = fields == null ? sizeOf(event) : SLOT_BYTES + length;
        if (settings.historySize() == 0 || size > settings.historyBytes()) {
            while (count > 0) {
                removeFirst(); // too big to keep: a resume from before it must fail, as from before any gap
            }
            return;
        }
        while (count > 0 && (count >= settings.historySize() || bytes + size > settings.historyBytes())) {
            removeFirst();
        }
        if (count == seqs.length) {
            growSlots();
        }
        int slot = (first + count) % seqs.length;
        seqs[slot] = seq;
        ats[slot] = now;
        lengths[slot] = length;
        if (fields == null) {
            others[slot] = event;
        } else {
            ring.append(fields, length, settings.historyBytes());
        }
        count++;
        bytes += size;
    }

    private void trim(long now) {
        long oldest = now - settings.window().toNanos();
        while (count > 0 && ats[first] < oldest) {
            removeFirst();
        }
    }

    private void removeFirst() {
        int slot = first;
        if (lengths[slot] < 0) {
            bytes -= sizeOf(others[slot]);
            others[slot] = null;
        } else {
            bytes -= SLOT_BYTES + lengths[slot];
            ring.dropFirst(lengths[slot]);
        }
        first = (first + 1) % seqs.length;
        count--;
    }

    /** The room message numbered {@code seq}, whose encoding starts at {@code offset} in the ring. */
    private BusEvent.Said said(long seq, int offset) {
        int[] at = {offset};
        String from = ring.read(at);
        String action = ring.read(at);
        String data = ring.read(at);
        return new BusEvent.Said(room, seq, from, action, data, null, false);
    }

    private void growSlots() {
        int capacity = (int) Math.min(settings.historySize(), Math.max(FIRST_SLOTS, 2L * seqs.length));
        seqs = Utf8Ring.unwrap(seqs, first, count, new long[capacity]);
        ats = Utf8Ring.unwrap(ats, first, count, new long[capacity]);
        lengths = Utf8Ring.unwrap(lengths, first, count, new int[capacity]);
        others = Utf8Ring.unwrap(others, first, count, new BusEvent[capacity]);
        first = 0;
    }

    private static long sizeOf(BusEvent event) {
        if (event instanceof BusEvent.Said said) {
            return 64 + said.action().length() + (said.data() == null ? 0 : said.data().length());
        }
        if (event instanceof BusEvent.Joined joined) {
            return 64 + joined.member().name().length() + (joined.member().user() == null ? 0 : joined.member().user().length());
        }
        if (event instanceof BusEvent.Updated updated) {
            return 64 + (updated.meta() == null ? 0 : updated.meta().length());
        }
        return 64;
    }
}
