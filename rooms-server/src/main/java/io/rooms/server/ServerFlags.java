package io.rooms.server;

import static io.rooms.server.SettingsAssembly.require;

import io.rooms.server.CommandLineOptions.BadSettingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every flag of the server, in one table: each is named, described, defaulted (from
 * {@link ServerSettings#DEFAULTS}) and applied in one place. The order is the help's order.
 */
final class ServerFlags {
    private ServerFlags() {}

    static final List<Flag<?>> ALL = List.of(
            Flag.of("--host", String.class, "address to bind (default: ${DEFAULT-VALUE})", ServerSettings::host,
                    (into, v) -> {
                        require(v != null && !v.isBlank(), "--host must not be empty");
                        into.server.host(v);
                    }),
            Flag.of("--port", Integer.class, "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.port()), (into, v) -> {
                        require(v >= 0 && v <= 65535, "--port must be between 0 and 65535, got " + v);
                        into.server.port(v);
                    }),
            Flag.of("--db", String.class, "JDBC URL of the store (default: ${DEFAULT-VALUE})", ServerSettings::db,
                    (into, v) -> {
                        require(v.startsWith("jdbc:h2:") || v.startsWith("jdbc:postgresql:"),
                                "--db must be a jdbc:h2: or jdbc:postgresql: URL, got '" + v + "'");
                        into.server.db(v);
                    }),
            Flag.of("--max-room-size", Integer.class, "members per room, 0 for no limit (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.engine().maxRoomSize()), (into, v) -> {
                        require(v >= 0, "--max-room-size must be 0 (no limit) or more, got " + v);
                        into.engine.maxRoomSize(v);
                    }),
            Flag.of("--ping-interval-ms", Long.class, "server ping period in ms (default: ${DEFAULT-VALUE})",
                    d -> millis(d.engine().pingInterval()),
                    (into, v) -> into.engine.pingInterval(positiveMillis("--ping-interval-ms", v))),
            Flag.of("--state-timeout-ms", Long.class,
                    "how long a member may take to answer requestState, in ms (default: ${DEFAULT-VALUE})",
                    d -> millis(d.engine().stateTimeout()),
                    (into, v) -> into.engine.stateTimeout(positiveMillis("--state-timeout-ms", v))),
            Flag.of("--save-interval-ms", Long.class,
                    "at most one state write per room per interval, in ms (default: ${DEFAULT-VALUE})",
                    d -> millis(d.saveInterval()),
                    (into, v) -> into.server.saveInterval(positiveMillis("--save-interval-ms", v))),
            Flag.of("--max-message-bytes", Integer.class, "larger frames are refused (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.engine().maxMessageBytes()),
                    (into, v) -> into.engine.maxMessageBytes((int) positive("--max-message-bytes", v))),
            Flag.of("--max-messages-per-second", Integer.class,
                    "per connection, burst twice that (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.engine().maxMessagesPerSecond()),
                    (into, v) -> into.engine.maxMessagesPerSecond((int) positive("--max-messages-per-second", v))),
            Flag.of("--max-outbound-bytes", Long.class,
                    "a client whose unsent backlog passes this is dropped (default: ${DEFAULT-VALUE})",
                    d -> Long.toString(d.engine().maxOutboundBytes()),
                    (into, v) -> into.engine.maxOutboundBytes(positive("--max-outbound-bytes", v))),
            Flag.of("--join-timeout-ms", Long.class,
                    "a socket that has not joined a room by then is closed (default: ${DEFAULT-VALUE})",
                    d -> millis(d.engine().joinTimeout()),
                    (into, v) -> into.engine.joinTimeout(positiveMillis("--join-timeout-ms", v))),
            Flag.of("--max-connections", Integer.class,
                    "further handshakes are refused with 503 (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.maxConnections()),
                    (into, v) -> into.server.maxConnections((int) positive("--max-connections", v))),
            Flag.of("--max-rooms", Integer.class,
                    "joining a new room past this answers room_limit (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.engine().maxRooms()),
                    (into, v) -> into.engine.maxRooms((int) positive("--max-rooms", v))),
            Flag.of("--max-rooms-per-connection", Integer.class,
                    "rooms one connection may be in at once; a join past it answers too_many_rooms"
                    + " (default: ${DEFAULT-VALUE})", d -> Integer.toString(d.engine().maxRoomsPerConnection()),
                    (into, v) -> into.engine.maxRoomsPerConnection((int) positive("--max-rooms-per-connection", v))),
            Flag.of("--max-presence-bytes", Integer.class,
                    "largest presence a member may set, in bytes of JSON; larger answers too_large"
                    + " (default: ${DEFAULT-VALUE})", d -> Integer.toString(d.engine().maxPresenceBytes()),
                    (into, v) -> into.engine.maxPresenceBytes((int) positive("--max-presence-bytes", v))),
            Flag.of("--allowed-origins", String.class,
                    "comma-separated browser origins allowed besides the server's own (default: none)", d -> null,
                    (into, v) -> into.server.allowedOrigins(origins(v))),
            Flag.of("--admin-token", String.class,
                    "bearer token for POST /api/rooms/{room}/messages; unset disables it (default: none)", d -> null,
                    (into, v) -> {
                        require(v == null || !v.isBlank(), "--admin-token must not be blank");
                        into.server.adminToken(v);
                    }),
            Flag.of("--history-size", Integer.class,
                    "messages each room keeps for clients that resume; 0 turns resuming off (default: ${DEFAULT-VALUE})",
                    d -> Integer.toString(d.resume().historySize()), (into, v) -> {
                        require(v >= 0, "--history-size must be 0 or more, got " + v);
                        into.historySize = v;
                    }),
            Flag.of("--resume-window-ms", Long.class, "how long a lost session can be resumed, and room messages are"
                    + " kept for it, in ms (default: ${DEFAULT-VALUE})", d -> millis(d.resume().window()),
                    (into, v) -> {
                        require(v >= 0, "--resume-window-ms must be 0 or more, got " + v);
                        into.resumeWindow = Duration.ofMillis(v);
                    }),
            Flag.of("--static-dir", String.class,
                    "a directory of your own files to serve beside the built-in pages (default: none)", d -> null,
                    (into, v) -> into.server.staticDir(staticDir(v))),
            Flag.of("--trust-proxy", String.class, "proxies whose Forwarded and X-Forwarded-* headers give the scheme,"
                    + " host and client address: off, loopback, all, or addresses and CIDR ranges, comma-separated"
                    + " (default: ${DEFAULT-VALUE})",
                    d -> d.trustProxy().isOn() ? String.join(",", d.trustProxy().entries()) : "off", (into, v) -> {
                        try {
                            into.server.trustProxy(ProxyTrust.parse(v));
                        } catch (IllegalArgumentException e) {
                            throw new BadSettingException("--trust-proxy: " + e.getMessage());
                        }
                    }),
            Flag.of("--tls-cert", String.class,
                    "PEM file of the certificate chain: serve https and wss on the port; needs --tls-key (default: none)",
                    d -> null, (into, v) -> into.tlsCert = v),
            Flag.of("--tls-key", String.class, "PEM file of the certificate's private key (default: none)", d -> null,
                    (into, v) -> into.tlsKey = v),
            Flag.of("--drain-ms", Long.class, "on SIGTERM, spread the closing of sockets over this long, in ms, so"
                    + " clients do not all reconnect at once; /health answers 503 from the start"
                    + " (default: ${DEFAULT-VALUE})", d -> millis(d.drain()), (into, v) -> {
                        require(v >= 0, "--drain-ms must be 0 or more, got " + v);
                        into.server.drain(Duration.ofMillis(v));
                    }),
            Flag.of("--auth-secret", String.class, "HS256 secret for client tokens (JWT), or @PATH to read it from a"
                    + " file; turns authentication on (default: off)", d -> null, (into, v) -> into.authSecret = v),
            Flag.of("--auth-public-key", String.class, "PEM file of an RSA or EC public key: client tokens signed"
                    + " RS256 or ES256; turns authentication on (default: off)", d -> null,
                    (into, v) -> into.authPublicKey = v),
            Flag.of("--transport", String.class, "what carries the WebSocket frames: netty (Netty's event loops,"
                    + " after Jetty answers the handshake; TLS sockets stay on Jetty) or jetty (default: ${DEFAULT-VALUE})",
                    d -> d.transport().flag(), (into, v) -> {
                        try {
                            into.server.transport(Transport.ofFlag(v));
                        } catch (IllegalArgumentException e) {
                            throw new BadSettingException("--transport " + e.getMessage());
                        }
                    }),
            Flag.of("--cluster", String.class, "run as one node of a cluster: redis://HOST:PORT,"
                    + " redis-sentinel://HOST:PORT,HOST:PORT,HOST:PORT#MASTER to follow the master Redis Sentinel"
                    + " names, or redis-cluster://HOST:PORT,HOST:PORT,... to shard the rooms over a Redis Cluster"
                    + " (default: none)", d -> null, (into, v) -> into.server.cluster(cluster(v))));

    private static String millis(Duration value) {
        return Long.toString(value.toMillis());
    }

    private static long positive(String flag, long value) throws BadSettingException {
        require(value > 0, flag + " must be positive, got " + value);
        return value;
    }

    private static Duration positiveMillis(String flag, long value) throws BadSettingException {
        return Duration.ofMillis(positive(flag, value));
    }

    private static List<String> origins(String value) throws BadSettingException {
        List<String> origins = new ArrayList<>();
        if (value == null) {
            return origins;
        }
        for (String origin : value.split(",")) {
            String trimmed = origin.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            require(trimmed.equals("*") || trimmed.matches("https?://[^/\\s]+"),
                    "--allowed-origins entries look like https://example.com[:port] or *, got '" + trimmed + "'");
            origins.add(trimmed.toLowerCase(Locale.ROOT));
        }
        return origins;
    }

    private static Path staticDir(String value) throws BadSettingException {
        if (value == null) {
            return null;
        }
        try {
            Path dir = Path.of(value).toAbsolutePath().normalize();
            require(Files.isDirectory(dir) && Files.isReadable(dir),
                    "--static-dir must be a readable directory, got '" + value + "'");
            return dir;
        } catch (InvalidPathException e) {
            throw new BadSettingException("--static-dir must be a readable directory, got '" + value + "'");
        }
    }

    private static String cluster(String value) throws BadSettingException {
        if (value != null) {
            try {
                io.rooms.cluster.redis.RedisClusterSettings.of(java.net.URI.create(value));
            } catch (IllegalArgumentException e) {
                throw new BadSettingException("--cluster must look like redis://HOST:PORT,"
                        + " redis-sentinel://HOST:PORT,HOST:PORT,HOST:PORT#MASTER or redis-cluster://HOST:PORT,HOST:PORT,...,"
                        + " got '" + value + "'");
            }
        }
        return value;
    }
}
