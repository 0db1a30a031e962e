package io.rooms;

import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
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
 * (joins and leaves) are kept as they are. Kept as objects, the last seconds of every room's messages
 * were alive at each young collection, and copied: at 10,000 messages a second over 100 rooms, 3 of
 * the 8 MB each collection copied. Arrays of bytes and numbers as old as the room cost it nothing:
 * pauses of 8.5 to 15 ms became 3.5 to 6.6 ms.
 */
final class History {
    /** What a kept event costs besides its encoding: its slot. */
    private static final int SLOT_BYTES = 32;
    private static final int FIRST_SLOTS = 16;
    private static final int FIRST_RING_BYTES = 4096;

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
     * encodings follow each other in the slots' order from {@link #ringStart}.
     */
    private int[] lengths = new int[0];
    private BusEvent[] others = new BusEvent[0];
    private int first;
    private int count;
    private long bytes;

    /** The ring of bytes: the encodings of the kept room messages, oldest at {@code ringStart}. */
    private byte[] ring = new byte[0];
    private int ringStart;
    private int ringUsed;

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
        int at = ringStart;
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % seqs.length;
            if (seqs[slot] > after) {
                missed.add(lengths[slot] < 0 ? others[slot] : said(seqs[slot], at));
            }
            if (lengths[slot] >= 0) {
                at = (at + lengths[slot]) % ring.length;
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
        byte[][] fields = event instanceof BusEvent.Said said && isEncodable(said) ? fields(said) : null;
        int length = fields == null ? -1 : encodedLength(fields);
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
            if (ring.length - ringUsed < length) {
                growRing(length);
            }
            for (byte[] field : fields) {
                write(field);
            }
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
            ringStart = (ringStart + lengths[slot]) % ring.length;
            ringUsed -= lengths[slot];
        }
        first = (first + 1) % seqs.length;
        count--;
    }

    /** The room message numbered {@code seq}, whose encoding starts at {@code offset} in the ring. */
    private BusEvent.Said said(long seq, int offset) {
        int[] at = {offset};
        String from = readString(at);
        String action = readString(at);
        String data = readString(at);
        return new BusEvent.Said(room, seq, from, action, data, null, false);
    }

    /**
     * Whether UTF-8 gives the message back as it was: a plain room message whose texts hold no lone
     * surrogate, which UTF-8 cannot carry. Any other is kept as it is.
     */
    private static boolean isEncodable(BusEvent.Said said) {
        return said.to() == null && !said.promote() && isWellFormed(said.from()) && isWellFormed(said.action())
                && (said.data() == null || isWellFormed(said.data()));
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A room message's fields, as the bus hands it back: from, action, data (null when absent). */
    private static byte[][] fields(BusEvent.Said said) {
        return new byte[][] {
            said.from().getBytes(StandardCharsets.UTF_8),
            said.action().getBytes(StandardCharsets.UTF_8),
            said.data() == null ? null : said.data().getBytes(StandardCharsets.UTF_8)};
    }

    /** Each field is its length (-1 for null) in 4 bytes, then its bytes. */
    private static int encodedLength(byte[][] fields) {
        int length = 0;
        for (byte[] field : fields) {
            length += Integer.BYTES + (field == null ? 0 : field.length);
        }
        return length;
    }

    private void write(byte[] field) {
        int length = field == null ? -1 : field.length;
        for (int shift = 24; shift >= 0; shift -= 8) {
            ring[(ringStart + ringUsed++) % ring.length] = (byte) (length >>> shift);
        }
        if (field != null) {
            int at = (ringStart + ringUsed) % ring.length;
            int head = Math.min(field.length, ring.length - at);
            System.arraycopy(field, 0, ring, at, head);
            System.arraycopy(field, head, ring, 0, field.length - head);
            ringUsed += field.length;
        }
    }

    /** Reads the field at {@code at[0]} and moves it past the field. */
    private String readString(int[] at) {
        int length = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            length = (length << 8) | (ring[at[0]] & 0xff);
            at[0] = (at[0] + 1) % ring.length;
        }
        if (length < 0) {
            return null;
        }
        byte[] field = unwrap(ring, at[0], length, new byte[length]);
        at[0] = (at[0] + length) % ring.length;
        return new String(field, StandardCharsets.UTF_8);
    }

    private void growSlots() {
        int capacity = (int) Math.min(settings.historySize(), Math.max(FIRST_SLOTS, 2L * seqs.length));
        seqs = unwrap(seqs, first, count, new long[capacity]);
        ats = unwrap(ats, first, count, new long[capacity]);
        lengths = unwrap(lengths, first, count, new int[capacity]);
        others = unwrap(others, first, count, new BusEvent[capacity]);
        first = 0;
    }

    /** Makes room for {@code more} bytes, up to the settings' bytes, with the kept ones from offset 0. */
    private void growRing(int more) {
        long wanted = Math.max(ringUsed + (long) more, Math.max(FIRST_RING_BYTES, 2L * ring.length));
        int capacity = (int) Math.max(ringUsed + (long) more, Math.min(wanted, settings.historyBytes()));
        ring = unwrap(ring, ringStart, ringUsed, new byte[capacity]);
        ringStart = 0;
    }

    /**
     * Copies {@code length} items of the ring-shaped array {@code from}, starting at {@code start}
     * and wrapping at its end, to the start of {@code to}; returns {@code to}.
     */
    private static <A> A unwrap(A from, int start, int length, A to) {
        int head = Math.min(length, Array.getLength(from) - start);
        System.arraycopy(from, start, to, 0, head);
        System.arraycopy(from, 0, to, head, length - head);
        return to;
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
