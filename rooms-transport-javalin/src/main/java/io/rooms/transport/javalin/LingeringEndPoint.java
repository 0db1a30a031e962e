package io.rooms.transport.javalin;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * Jetty's plain-socket endpoint, whose WebSockets end in a {@link Lingerer} instead of being
 * closed at once: Jetty closes a WebSocket right after writing its close frame for a refused frame
 * (1009, 1007, 1002), while the client may still be writing. Other connections close as Jetty
 * closes them. A connector's {@code newEndPoint} makes these.
 */
public final class LingeringEndPoint extends SocketChannelEndPoint {
    private final Lingerer lingerer;

    public LingeringEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
            Lingerer lingerer) {
        super(channel, selector, key, scheduler);
        this.lingerer = lingerer;
    }

    /** Jetty's endpoint is closed by now, and forgotten; the socket itself lingers, if it was a WebSocket's. */
    @Override
    public void doClose() {
        if (getConnection() instanceof WebSocketConnection && lingerer.linger(getChannel())) {
            return;
        }
        super.doClose();
    }
}
