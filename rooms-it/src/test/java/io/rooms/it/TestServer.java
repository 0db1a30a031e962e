package io.rooms.it;

import io.rooms.InMemoryRoomStore;
import io.rooms.RoomsEngine;
import io.rooms.cluster.redis.RedisCluster;
import io.rooms.cluster.redis.RedisClusterSettings;
import io.rooms.server.RoomsServer;
import io.rooms.server.ServerSettings;
import io.rooms.server.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The real server, in this process, on a free loopback port, with a store the test can read. */
final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final InMemoryRoomStore store;
    final RoomsServer server;

    TestServer() {
        this(ServerSettings.DEFAULTS);
    }

    /**
     * {@code settings} on loopback, with the transport the run asks for: {@code -Drooms.it.transport=jetty}
     * runs the suite's sockets on Jetty's WebSocket instead of the default.
     */
    static ServerSettings local(ServerSettings settings) {
        String transport = System.getProperty("rooms.it.transport");
        ServerSettings local = settings.withHost("127.0.0.1");
        return transport == null || transport.isEmpty() ? local : local.withTransport(Transport.ofFlag(transport));
    }

    /** A server on an in-memory store the test can read. */
    TestServer(ServerSettings settings) {
        ServerSettings local = local(settings).withPort(0);
        store = new InMemoryRoomStore();
        server = RoomsServer.start(local, RoomsServer.engine(local)
                .store(store)
                .build());
    }

    private TestServer(RoomsServer server) {
        this(null, server);
    }

    private TestServer(InMemoryRoomStore store, RoomsServer server) {
        this.store = store;
        this.server = server;
    }

    /** One node of a cluster on {@code cluster}'s Redis, saving to {@code store}, which the nodes may share. */
    static TestServer clusterNode(RedisClusterSettings cluster, InMemoryRoomStore store, ServerSettings settings) {
        ServerSettings local = local(settings).withPort(0);
        return new TestServer(store, RoomsServer.start(local, RoomsServer.engine(local)
                .store(store)
                .cluster(RedisCluster.connect(cluster))
                .build()));
    }

    /** A server on the real store its {@code --db} names, wired exactly as the jar wires it, on a free port. */
    static TestServer onDatabase(ServerSettings settings) {
        return onDatabase(settings, 0);
    }

    /** As {@link #onDatabase(ServerSettings)}, on a given port (to restart a server where it was). */
    static TestServer onDatabase(ServerSettings settings, int port) {
        return new TestServer(RoomsServer.start(local(settings).withPort(port)));
    }

    int port() {
        return server.port();
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    WsProbe client() {
        return WsProbe.connect(ws());
    }

    WsProbe joined(String room) {
        WsProbe probe = client();
        probe.join(room);
        return probe;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(http(path)).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
