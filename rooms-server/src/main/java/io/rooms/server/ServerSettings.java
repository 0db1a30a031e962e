package io.rooms.server;

import io.rooms.ResumeSettings;
import io.rooms.EngineSettings;
import io.rooms.SavePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the runnable server, one immutable value: the engine's own ({@link EngineSettings}
 * and the save interval) and the server's. The command line and the environment fill it (see the
 * README's table), and take their defaults from {@link #DEFAULTS}, the one place they are defined;
 * code sets them by name through {@link #builder()}.
 *
 * @param host address to bind. Default {@code 0.0.0.0}.
 * @param port TCP port; 0 picks a free one. Default 7070.
 * @param db JDBC URL of the room store. Default {@value #DEFAULT_DB}.
 * @param engine the engine's limits and periods; default {@link EngineSettings#DEFAULTS}
 * @param saveInterval at most one state write per room per interval. Default
 *     {@link SavePolicy#DEFAULTS}' interval, 1 s.
 * @param maxConnections further handshakes are refused with 503. Default 10000.
 * @param allowedOrigins browser origins allowed besides the server's own. Default none.
 * @param adminToken bearer token for the HTTP push endpoint, or {@code null} to disable it. Default null.
 * @param cluster Redis URL of the cluster, or {@code null} to run alone. Default null.
 * @param auth how clients authenticate, or {@code null} for anonymous clients. Default null.
 * @param resume what rooms remember for clients that resume; default {@link ResumeSettings#DEFAULTS}
 * @param staticDir a directory whose files are served beside the built-in pages, or {@code null}. Default null.
 * @param trustProxy the proxies whose forwarded headers give a request's scheme, host and client. Default none.
 * @param tls the server's certificate and key, to serve {@code https} and {@code wss} itself, or {@code null}. Default null.
 * @param drain over how long a graceful stop spreads the closing of sockets. Default 0: all at once.
 * @param transport what carries the WebSocket frames. Default {@link Transport#NETTY}.
 */
public record ServerSettings(
        String host,
        int port,
        String db,
        EngineSettings engine,
        Duration saveInterval,
        int maxConnections,
        List<String> allowedOrigins,
        String adminToken,
        String cluster,
        AuthSettings auth,
        ResumeSettings resume,
        java.nio.file.Path staticDir,
        ProxyTrust trustProxy,
        TlsSettings tls,
        Duration drain,
        Transport transport) {

    public static final String DEFAULT_DB = "jdbc:h2:file:./data/rooms";

    /** The defaults, the one place they are defined: the only positional use of the constructor besides the builder's. */
    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 7070, DEFAULT_DB,
            EngineSettings.DEFAULTS, SavePolicy.DEFAULTS.interval(), 10_000, List.of(), null, null, null,
            ResumeSettings.DEFAULTS, null, ProxyTrust.NONE, null, Duration.ZERO, Transport.NETTY);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(resume, "resume");
        Objects.requireNonNull(trustProxy, "trustProxy");
        Objects.requireNonNull(transport, "transport");
        if (drain.isNegative()) {
            throw new IllegalArgumentException("drain must not be negative, got " + drain);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        SavePolicy.DEFAULTS.withInterval(saveInterval); // its own rules check the interval
    }

    /**
     * Settings from command-line flags alone (no environment), as {@code java -jar} would take them:
     * {@code ServerSettings.fromFlags("--port", "0", "--max-room-size", "2")}.
     *
     * @throws IllegalArgumentException naming the flag, for an unknown flag or a bad value
     */
    public static ServerSettings fromFlags(String... flags) {
        try {
            CommandLineOptions.Parsed parsed = CommandLineOptions.parse(flags, java.util.Map.of());
            if (parsed.settings() == null) {
                throw new IllegalArgumentException("no settings in " + java.util.Arrays.toString(flags));
            }
            return parsed.settings();
        } catch (CommandLineOptions.BadSettingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public SavePolicy toSavePolicy() {
        return SavePolicy.DEFAULTS.withInterval(saveInterval);
    }

    public ServerSettings withPort(int value) {
        return toBuilder().port(value).build();
    }

    public ServerSettings withHost(String value) {
        return toBuilder().host(value).build();
    }

    public ServerSettings withTransport(Transport value) {
        return toBuilder().transport(value).build();
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Settings by name: each step sets one, {@link #build} checks them all. Not thread-safe. */
    public static final class Builder {
        private String host;
        private int port;
        private String db;
        private EngineSettings engine;
        private Duration saveInterval;
        private int maxConnections;
        private List<String> allowedOrigins;
        private String adminToken;
        private String cluster;
        private AuthSettings auth;
        private ResumeSettings resume;
        private java.nio.file.Path staticDir;
        private ProxyTrust trustProxy;
        private TlsSettings tls;
        private Duration drain;
        private Transport transport;

        private Builder(ServerSettings from) {
            this.host = from.host;
            this.port = from.port;
            this.db = from.db;
            this.engine = from.engine;
            this.saveInterval = from.saveInterval;
            this.maxConnections = from.maxConnections;
            this.allowedOrigins = from.allowedOrigins;
            this.adminToken = from.adminToken;
            this.cluster = from.cluster;
            this.auth = from.auth;
            this.resume = from.resume;
            this.staticDir = from.staticDir;
            this.trustProxy = from.trustProxy;
            this.tls = from.tls;
            this.drain = from.drain;
            this.transport = from.transport;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder db(String value) {
            this.db = value;
            return this;
        }

        public Builder engine(EngineSettings value) {
            this.engine = value;
            return this;
        }

        public Builder saveInterval(Duration value) {
            this.saveInterval = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder allowedOrigins(List<String> value) {
            this.allowedOrigins = value;
            return this;
        }

        public Builder adminToken(String value) {
            this.adminToken = value;
            return this;
        }

        public Builder cluster(String value) {
            this.cluster = value;
            return this;
        }

        public Builder auth(AuthSettings value) {
            this.auth = value;
            return this;
        }

        public Builder resume(ResumeSettings value) {
            this.resume = value;
            return this;
        }

        public Builder staticDir(java.nio.file.Path value) {
            this.staticDir = value;
            return this;
        }

        public Builder trustProxy(ProxyTrust value) {
            this.trustProxy = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        public Builder drain(Duration value) {
            this.drain = value;
            return this;
        }

        public Builder transport(Transport value) {
            this.transport = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of its range */
        public ServerSettings build() {
            return new ServerSettings(host, port, db, engine, saveInterval, maxConnections, allowedOrigins,
                    adminToken, cluster, auth, resume, staticDir, trustProxy, tls, drain, transport);
        }
    }
}
