package io.rooms.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The first handler of a socket whose close frame this side has sent: it reads and discards what
 * the client still sends, unparsed, until the client closes its side (its FIN), and closes the
 * socket once more than {@code maxBytes} were discarded. Closing with unread bytes in the kernel's
 * buffer sends the client a reset, which can make its kernel throw away the close frame before the
 * client has read it, so that the client sees 1006 instead of the code it was sent. On the
 * socket's event loop.
 */
final class LingeringHandler extends ChannelInboundHandlerAdapter {
    private final long maxBytes;
    private long discarded;

    LingeringHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            discarded += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > maxBytes) {
            ctx.close(); // a client that never stops writing: it gets its reset
        }
    }
}
