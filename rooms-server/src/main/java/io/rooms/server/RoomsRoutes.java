package io.rooms.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rooms.RoomsEngine;
import io.rooms.transport.javalin.JavalinTransport;
import io.rooms.transport.netty.NettyTransport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms on a Javalin app: the WebSocket endpoint {@code /ws}, the browser client ({@code /rooms.js},
 * the modules it imports, {@code /rooms.d.ts}) and the HTTP API ({@code /api/...}); and, unless
 * turned off, the demo pages and {@code /health} and {@code /metrics}. {@link RoomsServer} is this on
 * a Javalin of its own; mount it on your app's to embed Rooms in it:
 *
 * <pre>{@code
 * RoomsRoutes rooms = RoomsRoutes.of(engine, settings).withDemoPages(false);
 * Javalin app = Javalin.create(config -> rooms.mount(config)).start(8080);
 * // ... on the way out:
 * rooms.stop();   // refuses new sockets, writes room state, closes sockets with 1001
 * app.stop();
 * }</pre>
 *
 * Thread-safe once mounted.
 */
public final class RoomsRoutes {
    private static final Logger log = LoggerFactory.getLogger(RoomsRoutes.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** How often the log gets its summary line (connections, rooms, traffic), when something changed. */
    private static final Duration SUMMARY_PERIOD = Duration.ofMinutes(1);

    private final RoomsEngine engine;
    private final ServerSettings settings;
    /**
     * Made by {@link #mount}, so that the copies the {@code with} methods make open no event loops;
     * volatile for {@link #isStopping}, which {@code /health} asks from any thread.
     */
    private volatile JavalinTransport webSocket;
    /** Netty's event loops, which carry the sockets Jetty hands over; null on Jetty alone. */
    private NettyTransport netty;
    private final boolean demoPages;
    private final boolean operations;
    /**
     * One timer thread, the log summary's and the push bodies' deadlines: started by {@link #mount},
     * so that the copies the {@code with} methods make start none.
     */
    private ScheduledExecutorService timer;
    private boolean stopped;

    private RoomsRoutes(RoomsEngine engine, ServerSettings settings, boolean demoPages, boolean operations) {
        if (!engine.settings().equals(settings.engine())) {
            // Flags such as --max-room-size live in the engine: an engine built apart would silently ignore them.
            throw new IllegalArgumentException("the engine was built with other settings than the server's"
                    + " (" + engine.settings() + " against " + settings.engine() + "): build it with"
                    + " RoomsServer.engine(settings)");
        }
        this.engine = engine;
        this.settings = settings;
        this.demoPages = demoPages;
        this.operations = operations;
    }

    /**
     * Everything, as the runnable server has it. {@code settings} gives the origins, the admin token,
     * the connection cap and the drain time; the engine must have been built with
     * {@link RoomsServer#engine(ServerSettings)} from the same settings.
     *
     * @throws IllegalArgumentException if the engine's settings are not {@code settings.engine()}
     */
    public static RoomsRoutes of(RoomsEngine engine, ServerSettings settings) {
        return new RoomsRoutes(engine, settings, true, true);
    }

    /** Whether to serve the demo pages ({@code /}, {@code /chat/{room}}, {@code /board/{room}}). */
    public RoomsRoutes withDemoPages(boolean value) {
        return new RoomsRoutes(engine, settings, value, operations);
    }

    /** Whether to serve {@code /health} and {@code /metrics}, for an app that has its own. */
    public RoomsRoutes withHealthAndMetrics(boolean value) {
        return new RoomsRoutes(engine, settings, demoPages, value);
    }

    /**
     * Adds the routes to the app being configured; once.
     *
     * @throws IllegalStateException when they were mounted already
     */
    public synchronized void mount(JavalinConfig config) {
        if (timer != null) {
            throw new IllegalStateException("these routes are mounted already: make another RoomsRoutes");
        }
        // With TLS, Jetty decrypts every socket, so none could be handed over: no event loops then.
        netty = settings.transport() == Transport.NETTY && settings.tls() == null
                ? new NettyTransport(engine, settings.engine(), eventLoops()) : null;
        webSocket = new JavalinTransport(engine, settings.engine(), settings.allowedOrigins(), settings.maxConnections(), netty);
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rooms-server-timer");
            thread.setDaemon(true);
            return thread;
        });
        PrometheusMeterRegistry registry = Metrics.create(engine.stats(), engine.cluster());
        HttpApi api = new HttpApi(engine, registry, webSocket, settings.adminToken(), settings.engine().maxMessageBytes(),
                timer);
        LogSummary summary = new LogSummary(engine.stats());
        timer.scheduleAtFixedRate(summary::tick, SUMMARY_PERIOD.toSeconds(), SUMMARY_PERIOD.toSeconds(),
                TimeUnit.SECONDS);
        ClientCors cors = new ClientCors(settings.allowedOrigins());
        for (ClientFiles.ClientFile file : ClientFiles.fromClasspath()) {
            config.routes.before(file.path(), cors::apply);
            config.routes.get(file.path(), file::serve);
        }
        if (demoPages) {
            DemoPages pages = DemoPages.fromClasspath();
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.get("/chat/{room}", pages::chat);
            config.routes.get("/board/{room}", pages::board);
            config.routes.get("/admin", pages::admin);
            // Browsers ask for /favicon.ico on every page, a team's own pages too: the SVG answers.
            config.routes.get("/favicon.ico", ctx -> ctx.redirect("/favicon.svg", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
        }
        if (settings.staticDir() != null) {
            // Your own pages beside the built-in ones; a file of the same name as a built-in one loses.
            config.staticFiles.add(settings.staticDir().toString(), Location.EXTERNAL);
        }
        webSocket.mount(config, "/ws");
        if (operations) {
            config.routes.get("/health", api::health);
            config.routes.get("/metrics", api::metrics);
        }
        config.routes.get("/api/summary", api::summary);
        config.routes.get("/api/rooms", api::listRooms);
        config.routes.get("/api/rooms/{room}", api::showRoom);
        config.routes.post("/api/rooms/{room}/messages", api::push);
        config.routes.delete("/api/rooms/{room}/members/{id}", api::removeMember);
        config.routes.delete("/api/users/{user}", api::disconnectUser);
    }

    /**
     * Netty's event loops: half the cores, at least one. Fewer loops cost less CPU per delivery and
     * delivered more (docs/performance.md, "Figures behind the code"): a loop that reads many
     * messages in a turn writes each recipient's frames of that turn in one go, and no loop wakes
     * another. The other half of the cores runs Jetty's HTTP, the store and the JVM's own threads.
     */
    private static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Whether new sockets are refused: {@link #stop} has begun. */
    public boolean isStopping() {
        return webSocket != null && webSocket.isStopping();
    }

    /**
     * Stops gracefully: new sockets are refused (and {@code /health} answers 503); with a drain time,
     * the sockets are closed with 1001 one by one over it; then pending room state is written and the
     * remaining sockets are closed with 1001. The app and the engine are the caller's to stop after.
     *
     * @return whether all room state was written in time
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopped = true;
        if (webSocket == null) { // never mounted: no sockets
            return engine.shutdown(FLUSH_TIMEOUT);
        }
        timer.shutdownNow();
        webSocket.stop();
        if (!settings.drain().isZero()) {
            log.info("stopping: closing {} socket(s) over {} ms", webSocket.open(), settings.drain().toMillis());
            try {
                engine.drain(settings.drain()).toCompletableFuture()
                        .get(settings.drain().plus(CLOSE_HANDSHAKE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.info("draining did not finish in time; closing the rest at once");
            }
        }
        log.info("stopping: writing room state and closing sockets");
        boolean flushed = engine.shutdown(FLUSH_TIMEOUT);
        try {
            // Let the 1001 close handshakes finish before the connections are torn down.
            if (!webSocket.awaitClosed(CLOSE_HANDSHAKE_TIMEOUT)) {
                log.info("{} socket(s) did not finish closing in time", webSocket.open());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (netty != null) {
            netty.close();
        }
        return flushed;
    }
}
