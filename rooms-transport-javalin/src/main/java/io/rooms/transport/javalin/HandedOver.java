package io.rooms.transport.javalin;

import io.rooms.transport.SocketHandover;
import io.rooms.spi.Identity;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * What Jetty's endpoint holds once its socket is handed over: Jetty never reads it again (no fill
 * interest) and never times it out; the adopter does both. The endpoint stays registered, so that
 * Jetty counts the socket until the adopter releases it, and closes it if Jetty stops first.
 */
final class HandedOver extends AbstractConnection implements Connection.UpgradeTo {
    private final SocketChannelEndPoint endPoint;
    private final SocketHandover handover;
    private final Identity identity;
    private final OpenSockets sockets;
    private ByteBuffer leftover = BufferUtil.EMPTY_BUFFER;
    private SocketHandover.Adopted adopted;

    HandedOver(SocketChannelEndPoint endPoint, SocketHandover handover, Identity identity, OpenSockets sockets) {
        super(endPoint, Runnable::run);
        this.endPoint = endPoint;
        this.handover = handover;
        this.identity = identity;
        this.sockets = sockets;
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        leftover = BufferUtil.copy(buffer); // Jetty reuses its buffer once this returns
    }

    @Override
    public void onOpen() {
        super.onOpen();
        endPoint.setIdleTimeout(0);
        adopted = handover.adopt(endPoint.getChannel(), leftover, identity, this::released);
        leftover = null;
    }

    /** The adopter closed the socket: Jetty forgets its endpoint, and the socket is no longer counted. */
    private void released() {
        endPoint.close();
        sockets.closed();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        if (adopted != null) {
            adopted.abort();
        }
    }

    @Override
    public void onFillable() {
        // Never fill-interested: the adopter reads the socket.
    }
}
