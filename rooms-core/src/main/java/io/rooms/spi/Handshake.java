package io.rooms.spi;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a transport saw of a WebSocket handshake, for an {@link Authenticator}.
 *
 * @param query the query parameters, each with its values in order
 * @param headers the request headers, each with its values in order; looked up in any case
 * @param remote the peer's address
 */
public record Handshake(Map<String, List<String>> query, Map<String, List<String>> headers, SocketAddress remote) {
    public Handshake {
        query = Map.copyOf(query);
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        headers = caseless;
    }

    /** The first value of query parameter {@code name}, or null. */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
