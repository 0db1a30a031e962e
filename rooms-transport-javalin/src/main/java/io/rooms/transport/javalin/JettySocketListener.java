package io.rooms.transport.javalin;

import io.rooms.spi.CloseCode;
import io.rooms.spi.Identity;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.ConnectionListener;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's listener for one socket, forwarding its events to the core. Unlike Javalin's own
 * {@code WsConfig}, a Jetty listener sees pongs, which the heartbeat needs. Jetty calls one socket's
 * events one at a time. Public only because Jetty binds listener methods through method handles.
 */
public final class JettySocketListener implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(JettySocketListener.class);
    /** The standard close code for a server that cannot take the connection now. */

    private final ConnectionAcceptor acceptor;
    private final OpenSockets sockets;
    private final Identity identity;
    private ConnectionListener listener;
    private JettyConnection connection;
    private String remote;

    JettySocketListener(ConnectionAcceptor acceptor, OpenSockets sockets, Identity identity) {
        this.acceptor = acceptor;
        this.sockets = sockets;
        this.identity = identity;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        if (!sockets.tryOpen()) {
            log.debug("refused a socket from {}: the connection cap is reached", session.getRemoteSocketAddress());
            session.close(CloseCode.TRY_AGAIN_LATER, "too many connections", Callback.NOOP);
            return;
        }
        remote = String.valueOf(session.getRemoteSocketAddress());
        connection = new JettyConnection(session);
        listener = acceptor.open(connection, identity);
        log.debug("open client={} remote={}", listener.clientId(), remote);
    }

    @Override
    public void onWebSocketText(String message) {
        listener.onText(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        listener.onBinary(payload.remaining());
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        listener.onPong();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (listener != null) {
            String room = listener.room();
            listener.onClose(statusCode, reason);
            log.debug("close client={} remote={} room={} code={}{}", listener.clientId(), remote, room, statusCode,
                    reason == null || reason.isEmpty() ? "" : " reason=" + reason);
            sockets.closed();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Client mistakes (oversized or invalid frames) end up here before the close: no stack traces.
        if (listener != null) {
            listener.onError(cause);
            log.debug("error client={}: {}", listener.clientId(), cause.toString());
            connection.refused();
        }
    }
}
