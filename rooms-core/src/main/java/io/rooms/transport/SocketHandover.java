package io.rooms.transport;

import io.rooms.spi.Identity;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Another WebSocket implementation that takes sockets over once Jetty has answered their handshake:
 * the Jetty transport checks the handshake (origin, cap, credentials), Jetty writes the 101, and
 * the socket's bytes from then on are the adopter's. Jetty keeps serving every other request on the
 * port. Only plain-text sockets can be handed over: with TLS, Jetty's own WebSocket serves them.
 */
public interface SocketHandover {

    /**
     * Runs the WebSocket protocol on {@code channel}, just past its handshake, for a client of
     * {@code identity}; must not block. {@code leftover} holds bytes Jetty read beyond the handshake,
     * usually none: they come first. {@code released} must be run once, when the socket has closed.
     *
     * @return closes the socket at once, for when Jetty stops before the adopter has closed it
     */
    Adopted adopt(SocketChannel channel, ByteBuffer leftover, Identity identity, Runnable released);

    /** A socket taken over. */
    @FunctionalInterface
    interface Adopted {
        void abort();
    }
}
