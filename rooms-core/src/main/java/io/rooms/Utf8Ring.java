package io.rooms;

import io.rooms.spi.BusEvent;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;

/**
 * A ring of bytes holding room messages' fields as UTF-8, for {@link History}: appended at the end,
 * dropped from the start, read from an offset. Each field is its length (-1 for null) in 4 bytes,
 * then its bytes. Guarded by its history's monitor.
 */
final class Utf8Ring {
    private static final int FIRST_BYTES = 4096;

    private byte[] ring = new byte[0];
    private int ringStart;
    private int ringUsed;

    /** Where the oldest encoding starts. */
    int start() {
        return ringStart;
    }

    /** The offset {@code length} bytes after {@code offset}. */
    int advance(int offset, int length) {
        return (offset + length) % ring.length;
    }

    /** Appends the encoding of {@code fields}, {@code length} bytes, growing up to {@code maxBytes}. */
    void append(byte[][] fields, int length, long maxBytes) {
        if (ring.length - ringUsed < length) {
            growRing(length, maxBytes);
        }
        for (byte[] field : fields) {
            write(field);
        }
    }

    /** Drops the oldest encoding, {@code length} bytes. */
    void dropFirst(int length) {
        ringStart = (ringStart + length) % ring.length;
        ringUsed -= length;
    }

    /**
     * Whether UTF-8 gives the message back as it was: a plain room message whose texts hold no lone
     * surrogate, which UTF-8 cannot carry. Any other is kept as it is.
     */
    static boolean isEncodable(BusEvent.Said said) {
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
    static byte[][] fields(BusEvent.Said said) {
        return new byte[][] {
            said.from().getBytes(StandardCharsets.UTF_8),
            said.action().getBytes(StandardCharsets.UTF_8),
            said.data() == null ? null : said.data().getBytes(StandardCharsets.UTF_8)};
    }

    /** The bytes {@code fields} take in the ring. */
    static int encodedLength(byte[][] fields) {
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
    String read(int[] at) {
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

    /** Makes room for {@code more} bytes, up to the settings' bytes, with the kept ones from offset 0. */
    private void growRing(int more, long maxBytes) {
        long wanted = Math.max(ringUsed + (long) more, Math.max(FIRST_BYTES, 2L * ring.length));
        int capacity = (int) Math.max(ringUsed + (long) more, Math.min(wanted, maxBytes));
        ring = unwrap(ring, ringStart, ringUsed, new byte[capacity]);
        ringStart = 0;
    }

    /**
     * Copies {@code length} items of the ring-shaped array {@code from}, starting at {@code start}
     * and wrapping at its end, to the start of {@code to}; returns {@code to}.
     */
    static <A> A unwrap(A from, int start, int length, A to) {
        int head = Math.min(length, Array.getLength(from) - start);
        System.arraycopy(from, start, to, 0, head);
        System.arraycopy(from, 0, to, head, length - head);
        return to;
    }
}
