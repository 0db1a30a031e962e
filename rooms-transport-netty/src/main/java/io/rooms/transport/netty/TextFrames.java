package io.rooms.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Server-to-client WebSocket text frames (RFC 6455 section 5.2: FIN, opcode 1, unmasked), copied
 * into one buffer for a series of frames, so that the series leaves in one write. Netty's own
 * encoder takes one frame object at a time and gives each its own header buffer.
 */
final class TextFrames {
    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;
    /** The longest header: two bytes and a 64-bit length. */
    private static final int MAX_HEADER = 10;

    private TextFrames() {}

    /** One buffer holding {@code texts} as text frames, in order. */
    static ByteBuf encode(ByteBufAllocator allocator, List<String> texts) {
        int estimate = 0;
        for (int i = 0; i < texts.size(); i++) {
            estimate += texts.get(i).length() + MAX_HEADER;
        }
        ByteBuf out = allocator.directBuffer(estimate);
        try {
            for (int i = 0; i < texts.size(); i++) {
                write(out, texts.get(i));
            }
            return out;
        } catch (RuntimeException failure) {
            out.release();
            throw failure;
        }
    }

    static void write(ByteBuf out, String text) {
        out.writeBytes(RECENT.get().frame(text));
    }

    /** One frame's bytes, header included, for {@code text}. */
    static byte[] frame(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int length = utf8.length;
        int header = length < LENGTH_16 ? 2 : length <= 0xFFFF ? 4 : MAX_HEADER;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) FIN_TEXT;
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = LENGTH_16;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = LENGTH_64;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(utf8, 0, frame, header, length);
        return frame;
    }

    /**
     * The frames this thread encoded last, by identity: a broadcast's one text goes to each of its
     * recipients' outboxes, which drain one after the other on the same event loop, so it is encoded
     * once and copied to the others. Equal texts of different broadcasts are encoded apart.
     */
    private static final FastThreadLocal<Recent> RECENT = new FastThreadLocal<>() {
        @Override
        protected Recent initialValue() {
            return new Recent();
        }
    };

    private static final class Recent {
        private static final int SIZE = 16;
        private final String[] texts = new String[SIZE];
        private final byte[][] frames = new byte[SIZE][];
        private int next;

        byte[] frame(String text) {
            for (int i = 0; i < SIZE; i++) {
                if (texts[i] == text) {
                    return frames[i];
                }
            }
            byte[] frame = TextFrames.frame(text);
            texts[next] = text;
            frames[next] = frame;
            next = (next + 1) % SIZE;
            return frame;
        }
    }
}
