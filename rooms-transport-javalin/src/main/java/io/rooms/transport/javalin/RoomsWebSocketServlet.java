package io.rooms.transport.javalin;

import io.rooms.RoomSettings;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.transport.HandshakeGate;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/** The {@code /ws} endpoint: Jetty's WebSocket servlet, gated by a {@link HandshakeGate}. */
final class RoomsWebSocketServlet extends JettyWebSocketServlet {
    private final transient ConnectionAcceptor acceptor;
    private final transient HandshakeGate gate;
    private final transient OpenSockets sockets;
    private final long maxFrameBytes;
    private final Duration idleTimeout;

    RoomsWebSocketServlet(ConnectionAcceptor acceptor, HandshakeGate gate, OpenSockets sockets, RoomSettings settings) {
        this.acceptor = acceptor;
        this.gate = gate;
        this.sockets = sockets;
        this.maxFrameBytes = settings.maxFrameBytes();
        // A backstop only: the heartbeat drops silent clients after two ping periods.
        this.idleTimeout = settings.pingInterval().multipliedBy(3).plusSeconds(10);
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Frames a little over the limit get a too_large error from the core; far larger ones are
        // cut off here, with close code 1009, before they are buffered.
        factory.setMaxTextMessageSize(maxFrameBytes);
        factory.setMaxBinaryMessageSize(maxFrameBytes);
        factory.setIdleTimeout(idleTimeout);
        factory.setCreator((request, response) -> {
            HandshakeGate.Refusal refusal = gate.admit(request.getHeader("Origin"), request.getHeader("Host"),
                    request.isSecure());
            if (refusal != null) {
                response.sendError(refusal.status(), refusal.reason());
                return null;
            }
            // No permessage-deflate: it would compress every frame once per recipient, undoing the
            // single serialization of a broadcast, for little gain on small JSON (Socket.IO's default too).
            response.setExtensions(List.of());
            return new RoomsSocket(acceptor, sockets);
        });
    }
}
