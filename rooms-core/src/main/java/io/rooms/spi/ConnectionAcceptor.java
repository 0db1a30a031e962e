package io.rooms.spi;


/** The entry point a transport calls at a handshake and when a socket opens. Thread-safe. */
public interface ConnectionAcceptor {

    /**
     * Who the handshake's client is, or why it is refused; a transport answers a refusal with HTTP
     * 401 and opens no socket. By default everyone is anonymous.
     */
    default Authentication authenticate(Handshake handshake) {
        return new Authentication.Accepted(Identity.ANONYMOUS);
    }

    /** Registers a newly opened socket of {@code identity} and returns the listener for its events. */
    ConnectionListener open(Connection connection, Identity identity);

    /** Registers a newly opened anonymous socket. */
    default ConnectionListener open(Connection connection) {
        return open(connection, Identity.ANONYMOUS);
    }
}
