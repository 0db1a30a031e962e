package io.rooms.transport.javalin;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Decides whether a WebSocket handshake may proceed: not while stopping, not past the connection
 * cap, and not from a foreign browser origin. Thread-safe.
 */
final class HandshakeGate {
    /** The refusal of a handshake, as an HTTP status and a reason. */
    record Refusal(int status, String reason) {}

    private final List<String> allowedOrigins;
    private final int maxConnections;
    private final IntSupplier connections;
    private volatile boolean stopping;

    HandshakeGate(List<String> allowedOrigins, int maxConnections, IntSupplier connections) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.maxConnections = maxConnections;
        this.connections = connections;
    }

    /** Admits a handshake, or says why not. */
    Refusal admit(String origin, String host, boolean secure) {
        if (stopping) {
            return new Refusal(503, "server shutting down");
        }
        if (origin != null && !isAllowed(origin, host, secure)) {
            return new Refusal(403, "origin not allowed");
        }
        if (connections.getAsInt() >= maxConnections) {
            return new Refusal(503, "too many connections");
        }
        return null;
    }

    void stop() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    private boolean isAllowed(String origin, String host, boolean secure) {
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalized)) {
            return true;
        }
        return host != null && sameOrigin(normalized, host.toLowerCase(Locale.ROOT), secure);
    }

    private static boolean sameOrigin(String origin, String host, boolean secure) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String scheme = uri.getScheme();
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            String originAuthority = uri.getHost() + ":" + (uri.getPort() == -1 ? defaultPort : uri.getPort());
            String hostAuthority = host.contains(":") && !host.endsWith("]") ? host : host + ":" + (secure ? 443 : 80);
            return originAuthority.equals(hostAuthority) && ("https".equals(scheme) == secure);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
