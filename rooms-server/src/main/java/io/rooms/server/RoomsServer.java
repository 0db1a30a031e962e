package io.rooms.server;

import io.javalin.Javalin;
import io.rooms.RoomsEngine;
import io.rooms.RoomsEngineBuilder;
import io.rooms.cluster.redis.RedisCluster;
import io.rooms.cluster.redis.RedisClusterSettings;
import io.rooms.spi.RoomStore;
import io.rooms.store.jdbi.JdbiRoomStore;
import io.rooms.transport.javalin.Lingerer;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable rooms server: a {@link RoomsEngine} behind Javalin, with the WebSocket endpoint
 * {@code /ws}, the HTTP API, metrics and the browser client's files. Thread-safe.
 *
 * <pre>{@code
 * RoomsServer server = RoomsServer.start(ServerSettings.DEFAULTS.withPort(8080));
 * // ... later
 * server.stop();
 * }</pre>
 */
public final class RoomsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomsServer.class);
    /** How long an HTTP connection may send nothing before it is closed. */
    private static final Duration HTTP_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a request head may take to arrive whole, however steadily its bytes come. */
    private static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /**
     * TCP connections allowed beyond {@code --max-connections}: room for 503 answers, {@code /health},
     * the API and heads on their way. At the total, Jetty stops accepting until one closes.
     */
    public static final int CONNECTION_HEADROOM = 256;

    private final RoomsEngine engine;
    private final Javalin app;
    private final RoomsRoutes routes;
    private final ServerSettings settings;
    private volatile boolean stopped;

    private RoomsServer(ServerSettings settings, RoomsEngine engine) {
        this.settings = settings;
        this.engine = engine;
        this.routes = RoomsRoutes.of(engine, settings);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = threadPool();
            config.jetty.addConnector((server, http) -> {
                if (settings.trustProxy().isOn()) {
                    // First, so that every later step sees the client's scheme, host and address.
                    http.getCustomizers().add(0, new ForwardedFromTrustedProxies(settings.trustProxy()));
                }
                // Started before the connector and stopped after it, as Jetty does with a server's beans.
                Lingerer lingerer = new Lingerer(System::nanoTime);
                server.addBean(lingerer);
                ServerConnector connector = settings.tls() == null
                        ? new RoomsConnector(server, lingerer, new HttpConnectionFactory(http))
                        : new RoomsConnector(server, lingerer,
                                new SslConnectionFactory(sslContext(settings.tls()), "http/1.1"),
                                new HttpConnectionFactory(withTls(http)));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                // The kernel's queue of accepted connections waiting for Jetty: sized for a handshake
                // storm up to the connection total (the kernel caps it at net.core.somaxconn), not Jetty's 50.
                connector.setAcceptQueueSize(Math.min(settings.maxConnections() + CONNECTION_HEADROOM, 65_535));
                // A connection that sends nothing for this long is closed: a request head stuck
                // half-way (slowloris) or an idle keep-alive. WebSockets keep their own idle time-out.
                connector.setIdleTimeout(HTTP_IDLE_TIMEOUT.toMillis());
                connector.addEventListener(new RequestHeadDeadline(REQUEST_HEAD_TIMEOUT, connector.getScheduler(),
                        System::nanoTime));
                // Every TCP connection counts, a head on its way as much as an open socket.
                server.addBean(new NetworkConnectionLimit(settings.maxConnections() + CONNECTION_HEADROOM, connector));
                return connector;
            });
            routes.mount(config);
        });
    }

    /** Starts a server with the given settings and its store, on an in-process engine. */
    public static RoomsServer start(ServerSettings settings) {
        // Cheapest and most common mistakes first: nothing is created or connected before they are ruled out.
        ListenAddress.check(settings.host(), settings.port());
        RoomsEngineBuilder builder = engine(settings);
        RedisCluster cluster = settings.cluster() == null ? null
                : RedisCluster.connect(RedisClusterSettings.of(URI.create(settings.cluster())).withResume(settings.resume()));
        RoomStore store;
        try {
            store = openStore(settings);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
        builder.store(store);
        if (cluster != null) {
            builder.cluster(cluster);
        }
        return start(settings, builder.build());
    }

    /**
     * An engine builder with what {@code settings} say of the engine: its limits, the save interval
     * and how clients authenticate. The caller adds the store, the cluster, handlers.
     */
    public static RoomsEngineBuilder engine(ServerSettings settings) {
        RoomsEngineBuilder builder = RoomsEngine.builder()
                .settings(settings.engine())
                .savePolicy(settings.toSavePolicy())
                .resume(settings.resume());
        if (settings.auth() != null) {
            builder.authenticator(settings.auth().authenticator(java.time.Clock.systemUTC()));
        }
        return builder;
    }

    /** Starts a server in front of an engine the caller built (custom handlers, store, clock). */
    public static RoomsServer start(ServerSettings settings, RoomsEngine engine) {
        RoomsServer server;
        try {
            server = new RoomsServer(settings, engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        try {
            server.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            server.routes.stop();
            engine.close();
            throw e;
        }
        return server;
    }

    /** The store named by {@code --db}, its schema migrated. */
    static RoomStore openStore(ServerSettings settings) {
        return JdbiRoomStore.open(settings.db());
    }

    private static SslContextFactory.Server sslContext(TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(TlsSettings.KEY_STORE_PASSWORD);
        return ssl;
    }

    /** Marks requests as secure; any Host is served, as without TLS (the origin check guards browsers). */
    private static HttpConfiguration withTls(HttpConfiguration http) {
        http.addCustomizer(new SecureRequestCustomizer(false));
        return http;
    }

    /** {@code http} or {@code https}: what the server itself speaks on its port. */
    public String scheme() {
        return settings.tls() == null ? "http" : "https";
    }

    /** Sized for the machine: the work is non-blocking, so a few threads per core are plenty. */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), 4);
        pool.setName("rooms-http");
        return pool;
    }

    /** The port the server listens on; with port 0, the one that was picked. */
    public int port() {
        return app.port();
    }

    public String host() {
        return settings.host();
    }

    public RoomsEngine engine() {
        return engine;
    }

    /**
     * Stops gracefully: {@code /health} answers 503 and new sockets are refused; with a drain period,
     * the sockets are closed with 1001 one by one over it; then pending room state is written, the
     * remaining sockets are closed with 1001, and the HTTP server and the store stop.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        boolean flushed = routes.stop();
        try {
            app.stop();
        } finally {
            engine.close();
        }
        log.info("stopped{}", flushed ? "" : " (some room state could not be written)");
    }

    @Override
    public void close() {
        stop();
    }
}
