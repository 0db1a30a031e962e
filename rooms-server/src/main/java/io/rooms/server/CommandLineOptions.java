package io.rooms.server;

import io.rooms.ResumeSettings;
import io.rooms.EngineSettings;
import io.rooms.auth.jwt.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server's command line, parsed by picocli. Every flag falls back to an environment variable
 * ({@code ROOMS_} and the flag's name upper-cased, {@code -} turned to {@code _}), then to its
 * default, taken from {@link ServerSettings#DEFAULTS}; a flag wins over the environment.
 */
@Command(name = "rooms-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Real-time rooms over WebSocket.",
        footer = {"", "Every flag can be set in the environment instead: ROOMS_ and its name upper-cased, with _ for -"
                + " (--max-room-size is ROOMS_MAX_ROOM_SIZE). A flag wins over the environment."})
final class CommandLineOptions {

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--db", description = "JDBC URL of the store (default: ${DEFAULT-VALUE})")
    String db;

    @Option(names = "--max-room-size", description = "members per room, 0 for no limit (default: ${DEFAULT-VALUE})")
    int maxRoomSize;

    @Option(names = "--ping-interval-ms", description = "server ping period in ms (default: ${DEFAULT-VALUE})")
    long pingIntervalMs;

    @Option(names = "--state-timeout-ms", description = "how long a member may take to answer requestState, in ms (default: ${DEFAULT-VALUE})")
    long stateTimeoutMs;

    @Option(names = "--save-interval-ms", description = "at most one state write per room per interval, in ms (default: ${DEFAULT-VALUE})")
    long saveIntervalMs;

    @Option(names = "--max-message-bytes", description = "larger frames are refused (default: ${DEFAULT-VALUE})")
    int maxMessageBytes;

    @Option(names = "--max-messages-per-second", description = "per connection, burst twice that (default: ${DEFAULT-VALUE})")
    int maxMessagesPerSecond;

    @Option(names = "--max-outbound-bytes", description = "a client whose unsent backlog passes this is dropped (default: ${DEFAULT-VALUE})")
    long maxOutboundBytes;

    @Option(names = "--join-timeout-ms", description = "a socket that has not joined a room by then is closed (default: ${DEFAULT-VALUE})")
    long joinTimeoutMs;

    @Option(names = "--max-connections", description = "further handshakes are refused with 503 (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-rooms", description = "joining a new room past this answers room_limit (default: ${DEFAULT-VALUE})")
    int maxRooms;

    @Option(names = "--allowed-origins", description = "comma-separated browser origins allowed besides the server's own (default: none)")
    String allowedOrigins;

    @Option(names = "--admin-token", description = "bearer token for POST /api/rooms/{room}/messages; unset disables it (default: none)")
    String adminToken;

    @Option(names = "--history-size", description = "messages each room keeps for clients that resume; 0 turns resuming off (default: ${DEFAULT-VALUE})")
    int historySize;

    @Option(names = "--resume-window-ms", description = "how long a lost session can be resumed, and room messages are kept for it, in ms (default: ${DEFAULT-VALUE})")
    long resumeWindowMs;

    @Option(names = "--static-dir", description = "a directory of your own files to serve beside the built-in pages (default: none)")
    String staticDir;

    @Option(names = "--trust-proxy", description = "proxies whose Forwarded and X-Forwarded-* headers give the scheme, host and client address: off, loopback, all, or addresses and CIDR ranges, comma-separated (default: ${DEFAULT-VALUE})")
    String trustProxy;

    @Option(names = "--tls-cert", description = "PEM file of the certificate chain: serve https and wss on the port; needs --tls-key (default: none)")
    String tlsCert;

    @Option(names = "--tls-key", description = "PEM file of the certificate's private key (default: none)")
    String tlsKey;

    @Option(names = "--drain-ms", description = "on SIGTERM, spread the closing of sockets over this long, in ms, so clients do not all reconnect at once; /health answers 503 from the start (default: ${DEFAULT-VALUE})")
    long drainMs;

    @Option(names = "--auth-secret", description = "HS256 secret for client tokens (JWT), or @PATH to read it from a file; turns authentication on (default: off)")
    String authSecret;

    @Option(names = "--auth-public-key", description = "PEM file of an RSA or EC public key: client tokens signed RS256 or ES256; turns authentication on (default: off)")
    String authPublicKey;

    @Option(names = "--transport", description = "what carries the WebSocket frames: netty (Netty's event loops,"
            + " after Jetty answers the handshake; TLS sockets stay on Jetty) or jetty (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--cluster", description = "run as one node of a cluster: redis://HOST:PORT, or redis-sentinel://HOST:PORT,HOST:PORT,HOST:PORT#MASTER to follow the master Redis Sentinel names (default: none)")
    String cluster;

    /** A flag or environment value the server cannot start with; its message is one line for a person. */
    static final class BadSettingException extends Exception {
        BadSettingException(String message) {
            super(message);
        }
    }

    /** What the command line asked for: settings to run with, or help or a version to print. */
    record Parsed(ServerSettings settings, String text) {}

    static Parsed parse(String[] args, Map<String, String> env) throws BadSettingException {
        CommandLineOptions options = new CommandLineOptions();
        CommandLine commandLine = new CommandLine(options).setDefaultValueProvider(option -> {
            if (!option.isOption()) {
                return null;
            }
            String flag = ((CommandLine.Model.OptionSpec) option).longestName();
            String fromEnv = env.get(envName(flag));
            return fromEnv != null ? fromEnv : DEFAULTS.get(flag);
        }).setUsageHelpWidth(120);
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                return new Parsed(null, commandLine.getUsageMessage());
            }
            if (commandLine.isVersionHelpRequested()) {
                return new Parsed(null, "rooms-server " + Version.current() + System.lineSeparator());
            }
            return new Parsed(options.toSettings(), null);
        } catch (CommandLine.ParameterException e) {
            throw fromWhereItWasSet(e.getMessage().lines().findFirst().orElse("bad command line"), args, env);
        } catch (BadSettingException e) {
            throw fromWhereItWasSet(e.getMessage(), args, env);
        }
    }

    /**
     * The message naming the environment variable instead of the flag when the bad value came from
     * there: {@code ROOMS_PORT=abc} is reported as {@code ROOMS_PORT}, not as a {@code --port} nobody typed.
     */
    private static BadSettingException fromWhereItWasSet(String message, String[] args, Map<String, String> env) {
        java.util.regex.Matcher flag = java.util.regex.Pattern.compile("--[a-z][a-z-]*").matcher(message);
        if (flag.find()) {
            String name = flag.group();
            boolean typed = java.util.Arrays.stream(args).anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "="));
            if (!typed && env.containsKey(envName(name))) {
                String fromEnv = message.replace("option '" + name + "'", envName(name));
                return new BadSettingException(fromEnv.equals(message) ? message.replaceFirst(name, envName(name)) : fromEnv);
            }
        }
        return new BadSettingException(message);
    }

    /** Each flag's default, as text, from {@link ServerSettings#DEFAULTS}; flags without one are absent. */
    private static final Map<String, String> DEFAULTS = defaults(ServerSettings.DEFAULTS);

    private static Map<String, String> defaults(ServerSettings d) {
        EngineSettings e = d.engine();
        return Map.ofEntries(
                Map.entry("--host", d.host()),
                Map.entry("--port", Integer.toString(d.port())),
                Map.entry("--db", d.db()),
                Map.entry("--max-room-size", Integer.toString(e.maxRoomSize())),
                Map.entry("--ping-interval-ms", Long.toString(e.pingInterval().toMillis())),
                Map.entry("--state-timeout-ms", Long.toString(e.stateTimeout().toMillis())),
                Map.entry("--save-interval-ms", Long.toString(d.saveInterval().toMillis())),
                Map.entry("--max-message-bytes", Integer.toString(e.maxMessageBytes())),
                Map.entry("--max-messages-per-second", Integer.toString(e.maxMessagesPerSecond())),
                Map.entry("--max-outbound-bytes", Long.toString(e.maxOutboundBytes())),
                Map.entry("--join-timeout-ms", Long.toString(e.joinTimeout().toMillis())),
                Map.entry("--max-connections", Integer.toString(d.maxConnections())),
                Map.entry("--max-rooms", Integer.toString(e.maxRooms())),
                Map.entry("--history-size", Integer.toString(d.resume().historySize())),
                Map.entry("--resume-window-ms", Long.toString(d.resume().window().toMillis())),
                Map.entry("--trust-proxy", d.trustProxy().isOn() ? String.join(",", d.trustProxy().entries()) : "off"),
                Map.entry("--drain-ms", Long.toString(d.drain().toMillis())),
                Map.entry("--transport", d.transport().flag()));
    }

    static String envName(String flag) {
        return "ROOMS_" + flag.replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private ServerSettings toSettings() throws BadSettingException {
        require(port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
        require(host != null && !host.isBlank(), "--host must not be empty");
        require(db.startsWith("jdbc:h2:") || db.startsWith("jdbc:postgresql:"),
                "--db must be a jdbc:h2: or jdbc:postgresql: URL, got '" + db + "'");
        require(maxRoomSize >= 0, "--max-room-size must be 0 (no limit) or more, got " + maxRoomSize);
        require(pingIntervalMs > 0, "--ping-interval-ms must be positive, got " + pingIntervalMs);
        require(stateTimeoutMs > 0, "--state-timeout-ms must be positive, got " + stateTimeoutMs);
        require(saveIntervalMs > 0, "--save-interval-ms must be positive, got " + saveIntervalMs);
        require(maxMessageBytes > 0, "--max-message-bytes must be positive, got " + maxMessageBytes);
        require(maxMessagesPerSecond > 0, "--max-messages-per-second must be positive, got " + maxMessagesPerSecond);
        require(maxOutboundBytes > 0, "--max-outbound-bytes must be positive, got " + maxOutboundBytes);
        require(joinTimeoutMs > 0, "--join-timeout-ms must be positive, got " + joinTimeoutMs);
        require(maxConnections > 0, "--max-connections must be positive, got " + maxConnections);
        require(maxRooms > 0, "--max-rooms must be positive, got " + maxRooms);
        require(adminToken == null || !adminToken.isBlank(), "--admin-token must not be blank");
        require(historySize >= 0, "--history-size must be 0 or more, got " + historySize);
        require(resumeWindowMs >= 0, "--resume-window-ms must be 0 or more, got " + resumeWindowMs);
        require(drainMs >= 0, "--drain-ms must be 0 or more, got " + drainMs);
        List<String> origins = new ArrayList<>();
        if (allowedOrigins != null) {
            for (String origin : allowedOrigins.split(",")) {
                String trimmed = origin.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                require(trimmed.equals("*") || trimmed.matches("https?://[^/\\s]+"),
                        "--allowed-origins entries look like https://example.com[:port] or *, got '" + trimmed + "'");
                origins.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        if (cluster != null) {
            try {
                io.rooms.cluster.redis.RedisClusterSettings.of(java.net.URI.create(cluster));
            } catch (IllegalArgumentException e) {
                throw new BadSettingException("--cluster must look like redis://HOST:PORT or"
                        + " redis-sentinel://HOST:PORT,HOST:PORT,HOST:PORT#MASTER, got '" + cluster + "'");
            }
        }
        EngineSettings engine = new EngineSettings(maxRoomSize, Duration.ofMillis(pingIntervalMs),
                Duration.ofMillis(stateTimeoutMs), maxMessageBytes, maxMessagesPerSecond, maxOutboundBytes,
                Duration.ofMillis(joinTimeoutMs), maxRooms);
        return new ServerSettings(host, port, db, engine, Duration.ofMillis(saveIntervalMs), maxConnections, origins,
                adminToken, cluster, auth(), new ResumeSettings(historySize,
                        ResumeSettings.DEFAULTS.historyBytes(), Duration.ofMillis(resumeWindowMs)), staticDir(), trustProxy(),
                tls(), Duration.ofMillis(drainMs), transport());
    }

    private Transport transport() throws BadSettingException {
        try {
            return Transport.ofFlag(transport);
        } catch (IllegalArgumentException e) {
            throw new BadSettingException("--transport " + e.getMessage());
        }
    }

    private ProxyTrust trustProxy() throws BadSettingException {
        try {
            return ProxyTrust.parse(trustProxy);
        } catch (IllegalArgumentException e) {
            throw new BadSettingException("--trust-proxy: " + e.getMessage());
        }
    }

    private TlsSettings tls() throws BadSettingException {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        require(tlsCert != null, "--tls-key needs --tls-cert, the certificate it belongs to");
        require(tlsKey != null, "--tls-cert needs --tls-key, the certificate's private key");
        try {
            return TlsSettings.fromPem(Path.of(tlsCert), Path.of(tlsKey));
        } catch (IllegalArgumentException e) { // InvalidPathException too
            throw new BadSettingException("--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    private Path staticDir() throws BadSettingException {
        if (staticDir == null) {
            return null;
        }
        try {
            Path dir = Path.of(staticDir).toAbsolutePath().normalize();
            require(Files.isDirectory(dir) && Files.isReadable(dir), "--static-dir must be a readable directory, got '"
                    + staticDir + "'");
            return dir;
        } catch (InvalidPathException e) {
            throw new BadSettingException("--static-dir must be a readable directory, got '" + staticDir + "'");
        }
    }

    private AuthSettings auth() throws BadSettingException {
        require(authSecret == null || authPublicKey == null, "give one of --auth-secret and --auth-public-key, not both");
        try {
            if (authSecret != null) {
                String secret = authSecret.startsWith("@") ? read("--auth-secret", authSecret.substring(1)).strip() : authSecret;
                return new AuthSettings(secret.getBytes(StandardCharsets.UTF_8), null);
            }
            if (authPublicKey != null) {
                return new AuthSettings(null, PemKeys.publicKey(read("--auth-public-key", authPublicKey)));
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new BadSettingException((authSecret != null ? "--auth-secret: " : "--auth-public-key: ") + e.getMessage());
        }
    }

    private static String read(String flag, String path) throws BadSettingException {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new BadSettingException(flag + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void require(boolean condition, String message) throws BadSettingException {
        if (!condition) {
            throw new BadSettingException(message);
        }
    }
}
