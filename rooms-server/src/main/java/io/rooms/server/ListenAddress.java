package io.rooms.server;

import io.rooms.RoomsException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Tries the address the server will listen on before anything else starts, so that a port in use
 * or a {@code --host} that is not this machine's is one line at once, with no database file created.
 * The server still binds for real afterwards; this only makes the common mistakes fail early.
 */
final class ListenAddress {
    private ListenAddress() {}

    /** @throws RoomsException with one line for a person when {@code host:port} cannot be listened on */
    static void check(String host, int port) {
        String where = "cannot listen on " + host + ":" + port + ": ";
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new RoomsException(where + "unknown host");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty binds: a port with connections in TIME_WAIT is free
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new RoomsException(where + reason(e.getMessage()));
        } catch (IOException | SecurityException e) {
            throw new RoomsException(where + e.getMessage());
        }
    }

    private static String reason(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("in use")) {
            return "the port is in use";
        }
        if (lower.contains("assign")) {
            return "not an address of this machine";
        }
        if (lower.contains("permission")) {
            return "permission denied (ports below 1024 need privileges)";
        }
        return message;
    }
}
