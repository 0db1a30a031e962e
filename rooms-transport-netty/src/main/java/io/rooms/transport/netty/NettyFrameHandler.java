package io.rooms.transport.netty;

import io.rooms.spi.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.ReadTimeoutException;
import io.rooms.spi.Identity;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.ConnectionListener;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's WebSocket frames, after Netty's decoder, UTF-8 validator and aggregator, turned into
 * the core's events; and the protocol's own answers (pong, close). Netty calls it on the socket's
 * event loop, one event at a time.
 */
final class NettyFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(NettyFrameHandler.class);
    /** No close frame came: the connection was lost (RFC 6455 section 7.1.5). */
    /** A close frame's reason is at most 123 bytes; Netty's messages are ASCII. */
    private static final int MAX_REASON_CHARS = 123;

    private final ConnectionAcceptor acceptor;
    private final Identity identity;
    private ByteBuffer leftover;
    private NettyConnection connection;
    private ConnectionListener listener;
    private int closeCode = CloseCode.ABNORMAL;
    private String closeReason = "";

    NettyFrameHandler(ConnectionAcceptor acceptor, Identity identity, ByteBuffer leftover) {
        this.acceptor = acceptor;
        this.identity = identity;
        this.leftover = leftover;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new NettyConnection(ctx.channel());
        listener = acceptor.open(connection, identity);
        log.debug("open client={} remote={}", listener.clientId(), ctx.channel().remoteAddress());
        ctx.fireChannelActive();
        if (leftover.hasRemaining()) {
            // Bytes the client sent right behind its handshake, which Jetty had read: they come first.
            ByteBuf early = Unpooled.wrappedBuffer(leftover);
            ctx.pipeline().fireChannelRead(early);
        }
        leftover = null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (connection.isClosing() && !(frame instanceof CloseWebSocketFrame)) {
            return; // decoded after this side's close frame: nothing more is read as a message
        }
        if (frame instanceof TextWebSocketFrame text) {
            listener.onText(text.text());
        } else if (frame instanceof PongWebSocketFrame) {
            listener.onPong();
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            if (!connection.isClosing()) {
                closeCode = close.statusCode() < 0 ? CloseCode.NO_STATUS : close.statusCode();
                closeReason = close.reasonText();
            }
            connection.answerClose(close);
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            listener.onBinary(binary.content().readableBytes());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            if (closeCode == CloseCode.ABNORMAL && connection.sentCode() != 0) {
                closeCode = connection.sentCode(); // this side closed first, as Jetty reports it
            }
            String room = listener.room();
            listener.onClose(closeCode, closeReason);
            log.debug("close client={} room={} code={}", listener.clientId(), room, closeCode);
        }
        ctx.fireChannelInactive();
    }

    /** The decoder's own words, cut to what a close frame can carry (123 bytes). */
    private static String reason(CorruptedWebSocketFrameException corrupted) {
        String message = corrupted.getMessage();
        String reason = message == null || message.isEmpty() ? corrupted.closeStatus().reasonText() : message;
        return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Client mistakes (oversized or invalid frames) and lost sockets: no stack traces.
        if (listener != null) {
            listener.onError(cause);
            log.debug("error client={}: {}", listener.clientId(), cause.toString());
        }
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // From the decoder (1002, 1009) or the UTF-8 validator (1007), which leave the close to us.
            closeCode = corrupted.closeStatus().code();
            connection.closeNow(closeCode, reason(corrupted));
        } else if (cause instanceof TooLongFrameException) {
            closeCode = CloseCode.TOO_LARGE;
            connection.closeNow(closeCode, "message too big");
        } else if (cause instanceof ReadTimeoutException) {
            closeCode = CloseCode.GOING_AWAY;
            connection.closeNow(closeCode, "idle");
        } else {
            ctx.close();
        }
    }
}
