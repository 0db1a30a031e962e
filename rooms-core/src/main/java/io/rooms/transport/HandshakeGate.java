package io.rooms.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Decides whether a WebSocket handshake may proceed, for any transport: not while stopping (503),
 * not from a foreign browser origin (403), and not past the connection cap (503). A transport asks
 * it before the upgrade, and still holds the cap exactly when a socket opens, since handshakes on
 * their way are not counted yet. Thread-safe.
 */
public final class HandshakeGate {
    /** The refusal of a handshake, as an HTTP status and a reason. */
    public record Refusal(int status, String reason) {}

    private final List<String> allowedOrigins;
    private final int maxConnections;
    private final IntSupplier connections;
    private volatile boolean stopping;

    /**
     * @param allowedOrigins browser origins allowed besides the server's own; {@code "*"} allows any
     * @param connections how many sockets are open now
     */
    public HandshakeGate(List<String> allowedOrigins, int maxConnections, IntSupplier connections) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.maxConnections = maxConnections;
        this.connections = connections;
    }

    /** Admits a handshake, or says why not; {@code host} is the Host header, {@code secure} whether it came over TLS. */
    public Refusal admit(String origin, String host, boolean secure) {
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

    /** Refuses every handshake from now on: the server is stopping. */
    public void stop() {
        stopping = true;
    }

    public boolean isStopping() {
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
