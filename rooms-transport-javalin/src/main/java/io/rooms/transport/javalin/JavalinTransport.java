package io.rooms.transport.javalin;

import io.rooms.transport.SocketHandover;
import io.javalin.config.JavalinConfig;
import io.rooms.EngineSettings;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.transport.HandshakeGate;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The rooms WebSocket endpoint on a Javalin app: mount it on your own {@code Javalin} with
 * {@link #mount}. It checks each handshake (origin, the connection cap, shutting down), caps frames
 * at four times the message limit (larger ones are closed with 1009), and on {@link #stop} refuses
 * new sockets and lets the open ones finish their close handshakes. Thread-safe.
 *
 * <pre>{@code
 * JavalinTransport ws = new JavalinTransport(rooms, EngineSettings.DEFAULTS, List.of(), 10_000);
 * Javalin app = Javalin.create(config -> ws.mount(config, "/ws"));
 * }</pre>
 */
public final class JavalinTransport {
    private final HandshakeGate gate;
    private final OpenSockets sockets;
    private final GatedWebSocketServlet servlet;

    /**
     * @param acceptor the rooms engine, as {@code RoomsEngine}
     * @param settings the engine's settings: frames over {@link EngineSettings#maxFrameBytes()} are closed
     *     with 1009, and a socket silent well past the ping interval is closed as a backstop
     * @param allowedOrigins browser origins allowed besides the server's own; {@code "*"} allows any
     * @param maxConnections sockets open at once; further handshakes get 503
     */
    public JavalinTransport(ConnectionAcceptor acceptor, EngineSettings settings, List<String> allowedOrigins,
            int maxConnections) {
        this(acceptor, settings, allowedOrigins, maxConnections, null);
    }

    /**
     * As above, with the sockets of plain-text handshakes handed over to {@code handover} once their
     * handshake is answered; null keeps them all on Jetty.
     */
    public JavalinTransport(ConnectionAcceptor acceptor, EngineSettings settings, List<String> allowedOrigins,
            int maxConnections, SocketHandover handover) {
        this.sockets = new OpenSockets(maxConnections);
        IntSupplier open = sockets::count;
        this.gate = new HandshakeGate(allowedOrigins, maxConnections, open);
        this.servlet = new GatedWebSocketServlet(acceptor, gate, sockets, settings, handover);
    }

    /** Serves the endpoint at {@code path} of the app being configured. */
    public void mount(JavalinConfig config, String path) {
        config.jetty.modifyServletContextHandler(handler -> handler.addServlet(new ServletHolder("rooms-ws", servlet), path));
    }

    /** Refuses new handshakes from now on (503). */
    public void stop() {
        gate.stop();
    }

    public boolean isStopping() {
        return gate.isStopping();
    }

    /** Sockets open now. */
    public int open() {
        return sockets.count();
    }

    /** Waits until every socket has closed, at most {@code timeout}; true if they all have. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return sockets.awaitNone(timeout);
    }
}
