package io.rooms.server;

import java.util.Locale;

/** What carries the WebSocket frames of {@code /ws}; Jetty answers the handshake either way. */
public enum Transport {
    /**
     * Netty's event loops, half as many as cores: Jetty answers each handshake, then hands the socket over.
     * Sockets over TLS stay on Jetty, which decrypts them.
     */
    NETTY,
    /** Jetty's own WebSocket, for every socket. */
    JETTY;

    /** The flag's spelling: {@code netty} or {@code jetty}. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the values allowed */
    public static Transport ofFlag(String value) {
        for (Transport transport : values()) {
            if (transport.flag().equals(value)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("must be netty or jetty, got '" + value + "'");
    }
}
