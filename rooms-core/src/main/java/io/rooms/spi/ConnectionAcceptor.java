package io.rooms.spi;

/** The entry point a transport calls when a socket opens. Thread-safe. */
@FunctionalInterface
public interface ConnectionAcceptor {

    /** Registers a newly opened socket and returns the listener for its events. */
    ConnectionListener open(Connection connection);
}
