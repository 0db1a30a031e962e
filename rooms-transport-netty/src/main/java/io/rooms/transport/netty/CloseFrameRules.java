package io.rooms.transport.netty;

import io.rooms.spi.CloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Netty's frame decoder, with RFC 6455's rules for a client's close frame where Netty is looser
 * than Jetty and the Autobahn Testsuite (cases 7.3.2, 7.9 and 7.13): a one-byte body is a protocol
 * error (1002), not invalid data (1007), and a code a peer may not send (below 1000, 1004 to 1006,
 * 1015 to 2999, 5000 and above) is a protocol error too, where Netty accepts every code from 3000
 * up and reads 65535 as -1, which it takes for "no code". The reason's UTF-8 is Netty's to check.
 */
final class CloseFrameRules extends WebSocket08FrameDecoder {

    CloseFrameRules(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf body) {
        if (body != null && body.readableBytes() == 1) {
            throw violation("a close frame's body is a 2-byte code and a reason, not 1 byte");
        }
        if (body != null && body.readableBytes() >= 2) {
            int code = body.getUnsignedShort(body.readerIndex());
            if (!CloseCode.isSendable(code)) {
                throw violation("close code " + code + " may not be sent");
            }
        }
        super.checkCloseFrameBody(ctx, body);
    }

    private static CorruptedWebSocketFrameException violation(String message) {
        return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, message);
    }
}
