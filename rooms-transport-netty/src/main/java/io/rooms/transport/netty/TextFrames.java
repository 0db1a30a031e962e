package io.rooms.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * Server-to-client WebSocket text frames (RFC 6455 section 5.2: FIN, opcode 1, unmasked), written
 * straight into one buffer for a series of frames, so that the series leaves in one write. Netty's
 * own encoder takes one frame object at a time and gives each its own header buffer.
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
        int length = ByteBufUtil.utf8Bytes(text);
        out.ensureWritable(MAX_HEADER + length);
        out.writeByte(FIN_TEXT);
        if (length < LENGTH_16) {
            out.writeByte(length);
        } else if (length <= 0xFFFF) {
            out.writeByte(LENGTH_16);
            out.writeShort(length);
        } else {
            out.writeByte(LENGTH_64);
            out.writeLong(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }
}
