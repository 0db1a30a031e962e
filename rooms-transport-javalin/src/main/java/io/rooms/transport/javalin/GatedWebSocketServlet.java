package io.rooms.transport.javalin;

import io.rooms.transport.SocketHandover;
import io.rooms.EngineSettings;
import io.rooms.spi.Identity;
import io.rooms.spi.Authentication;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.Handshake;
import io.rooms.transport.HandshakeGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint: Jetty's WebSocket servlet, gated by a {@link HandshakeGate} and then by
 * the engine's authentication (HTTP 401, before any socket exists). Each refusal is logged once, with
 * its reason.
 */
final class GatedWebSocketServlet extends JettyWebSocketServlet {
    private static final Logger log = LoggerFactory.getLogger(GatedWebSocketServlet.class);
    private final transient ConnectionAcceptor acceptor;
    private final transient HandshakeGate gate;
    private final transient OpenSockets sockets;
    private final long maxFrameBytes;
    private final Duration idleTimeout;
    /** Takes over the sockets of valid plain-text handshakes; null: Jetty serves them all. */
    private final transient SocketHandover handover;

    GatedWebSocketServlet(ConnectionAcceptor acceptor, HandshakeGate gate, OpenSockets sockets, EngineSettings settings,
            SocketHandover handover) {
        this.handover = handover;
        this.acceptor = acceptor;
        this.gate = gate;
        this.sockets = sockets;
        this.maxFrameBytes = settings.maxFrameBytes();
        // A backstop only: the heartbeat drops silent clients after two ping periods.
        this.idleTimeout = settings.pingInterval().multipliedBy(3).plusSeconds(10);
    }

    /**
     * A plain GET (no upgrade): answers whether the handshake's credentials would be accepted, 401
     * or 426 (Upgrade Required), because a browser cannot see a failed handshake's status.
     */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication authentication = acceptor.authenticate(handshake(request));
        response.setHeader("Cache-Control", "no-store");
        if (authentication instanceof Authentication.Refused refused) {
            response.sendError(401, refused.reason());
        } else {
            response.setHeader("Upgrade", "websocket");
            response.sendError(426, "this is a WebSocket endpoint");
        }
    }

    /** The handshake as the authenticator sees it, from a plain servlet request. */
    private static Handshake handshake(HttpServletRequest request) {
        return new Handshake(parameters(request), headers(request),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()));
    }

    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        return parameters;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    /** How a refusal is answered: an HTTP error status and its reason. */
    @FunctionalInterface
    private interface Refuse {
        void send(int status, String reason) throws IOException;
    }

    /**
     * The handshake's client, or null when the gate or the authenticator refuses it; the refusal is
     * answered and logged once, with its reason.
     */
    private Identity admit(HttpServletRequest http, Handshake handshake, Refuse refuse) throws IOException {
        // The host and scheme the client asked for: its Host header, or, from a trusted proxy,
        // what the proxy forwarded (the connector's customizers have applied it already).
        HandshakeGate.Refusal refusal = gate.admit(http.getHeader("Origin"),
                http.getServerName() + ":" + http.getServerPort(), http.isSecure());
        if (refusal != null) {
            log.info("refused a handshake from {}: {} {}", http.getRemoteAddr(), refusal.status(), refusal.reason());
            refuse.send(refusal.status(), refusal.reason());
            return null;
        }
        Authentication authentication = acceptor.authenticate(handshake);
        if (authentication instanceof Authentication.Refused refused) {
            // The reason is the authenticator's, which never contains the credential.
            log.info("refused a handshake from {}: 401 {}", http.getRemoteAddr(), refused.reason());
            refuse.send(401, refused.reason());
            return null;
        }
        return ((Authentication.Accepted) authentication).identity();
    }

    /**
     * With a {@link SocketHandover}, a valid WebSocket handshake on a plain socket is answered here
     * and its socket handed over; anything else (TLS, an invalid or unsupported handshake, a plain
     * GET) goes Jetty's way, whose answers to a bad handshake are the standard ones.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException,
            IOException {
        if (handover == null || !Handshakes.isValidUpgrade(request)
                || !(ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection()
                        .getEndPoint() instanceof SocketChannelEndPoint endPoint)) {
            super.service(request, response);
            return;
        }
        Identity identity = admit(request, handshake(request), response::sendError);
        if (identity == null) {
            return;
        }
        if (!sockets.tryOpen()) {
            log.debug("refused a socket from {}: the connection cap is reached", request.getRemoteAddr());
            response.sendError(503, "too many connections");
            return;
        }
        Request core = ServletCoreRequest.wrap(request);
        Response coreResponse = ServletCoreResponse.wrap(core, response, false);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new HandedOver(endPoint, handover, identity, sockets));
        coreResponse.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        Handshakes.accept(request, coreResponse.getHeaders());
        FutureCallback written = new FutureCallback();
        coreResponse.write(true, null, written);
        try {
            written.block();
        } catch (IOException | RuntimeException lost) {
            // The 101 did not reach the client: Jetty closes the socket, which was never handed over.
            sockets.closed();
            throw lost;
        }
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Frames a little over the limit get a too_large error from the core; far larger ones are
        // cut off here, with close code 1009, before they are buffered: a frame at its header, as
        // Netty does (without auto-fragmenting, which would read a long frame as many short ones
        // and refuse it only once the cap's worth had come), and a message of many smaller frames
        // once it passes the cap.
        factory.setAutoFragment(false);
        factory.setMaxFrameSize(maxFrameBytes);
        factory.setMaxTextMessageSize(maxFrameBytes);
        factory.setMaxBinaryMessageSize(maxFrameBytes);
        factory.setIdleTimeout(idleTimeout);
        // Jetty gives every incoming text message a fresh UTF-8 builder this big (4 KB by default, a
        // large share of all allocation for small messages: docs/performance.md); it grows as needed.
        // It also sizes each read, so a message of 64 KB takes 64 reads instead of 16.
        factory.setInputBufferSize(1024);
        factory.setCreator((request, response) -> {
            Identity identity = admit(request.getHttpServletRequest(), new Handshake(request.getParameterMap(),
                    request.getHeaders(), request.getRemoteSocketAddress()), response::sendError);
            if (identity == null) {
                return null;
            }
            // No permessage-deflate: it would compress every frame once per recipient, undoing the
            // single serialization of a broadcast, for little gain on small JSON (Socket.IO's default too).
            response.setExtensions(List.of());
            return new JettySocketListener(acceptor, sockets, identity);
        });
    }
}
