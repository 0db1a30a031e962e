package io.rooms;

import io.rooms.spi.Authentication;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterView;
import io.rooms.spi.Connection;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.ConnectionListener;
import io.rooms.spi.Handshake;
import io.rooms.spi.Identity;
import io.rooms.spi.RoomName;
import io.rooms.spi.RoomSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The rooms engine, independent of any transport or store: a transport hands it each socket through
 * {@link #open}, every room event goes through its {@link Cluster}'s bus (in memory unless one is
 * given), and it persists room state through its {@link io.rooms.spi.RoomStore}. Thread-safe.
 *
 * <pre>{@code
 * RoomsEngine engine = RoomsEngine.builder()
 *         .settings(EngineSettings.DEFAULTS.withMaxRoomSize(50))
 *         .store(myStore)
 *         .handler("roll", (ctx, msg) -> ctx.reply("rolled", "4"))
 *         .build();
 * }</pre>
 */
public final class RoomsEngine implements ConnectionAcceptor, AutoCloseable {
    private final EngineParts parts;

    RoomsEngine(EngineParts parts) {
        this.parts = parts;
    }

    public static RoomsEngineBuilder builder() {
        return new RoomsEngineBuilder();
    }

    /** Who the handshake's client is, by the {@link io.rooms.spi.Authenticator}; a refusal means HTTP 401. */
    @Override
    public Authentication authenticate(Handshake handshake) {
        return parts.access.authenticate(handshake);
    }

    @Override
    public ConnectionListener open(Connection connection, Identity identity) {
        Client client = parts.clients.open(connection, identity, parts.isStopping());
        if (!client.isGone()) {
            parts.watchdog.watch(client);
            parts.access.watch(client);
        }
        return new ClientSocket(client, parts.dispatcher, parts.clients, parts.scheduler);
    }

    /** The cluster this engine is a node of, read-only: in memory, or shared with the other nodes. */
    public ClusterView cluster() {
        return parts.cluster.view();
    }

    public EngineStats stats() {
        return parts.counters;
    }

    /** Rooms with members, by name; in a cluster, members on any node. */
    public CompletionStage<List<RoomSummary>> rooms() {
        return parts.views.summaries();
    }

    /** One room's members and latest state; empty for a room with neither. */
    public CompletionStage<Optional<RoomView>> room(String name) {
        return parts.views.room(name);
    }

    /**
     * Sends {@code action} with {@code rawData} (JSON text) to every member of {@code room}, on
     * every node, with {@code from: "server"}; completes with how many members the room has. Never
     * blocks.
     *
     * @throws IllegalArgumentException for an invalid room name
     */
    public CompletionStage<Integer> push(String room, String action, String rawData) {
        return push(room, action, rawData, null);
    }

    /**
     * As {@link #push(String, String, String)}, to the member {@code to} alone (on whichever node it
     * is); completes with 1, or 0 when no such member is in the room.
     */
    public CompletionStage<Integer> push(String room, String action, String rawData, String to) {
        if (!RoomName.isValid(room)) {
            throw new IllegalArgumentException("invalid room name: " + room);
        }
        if (to != null && !Relay.isMemberId(to)) {
            return CompletableFuture.completedFuture(0);
        }
        return parts.relay.push(room, action, rawData, to);
    }

    /**
     * Takes member {@code memberId} out of {@code room}, on whichever node it is: it gets
     * {@code {"action":"removed","room":...}} and stays connected in no room, and the others get
     * {@code memberLeft}. Completes with false when no such member is in the room.
     */
    public CompletionStage<Boolean> remove(String room, String memberId) {
        return parts.remove(room, memberId);
    }

    /** Closes every socket of {@code user}, on every node, with code 4003; completes with how many. */
    public CompletionStage<Integer> disconnectUser(String user) {
        return parts.cluster.bus().disconnectUser(user);
    }

    /** Whether {@code room} is a valid room name: {@code [A-Za-z0-9._-]{1,64}}. */
    public static boolean isValidRoomName(String room) {
        return RoomName.isValid(room);
    }

    /** The limits and periods this engine was built with. */
    public EngineSettings settings() {
        return parts.settings;
    }

    /**
     * Closes every socket with 1001, spread evenly over {@code period} rather than all at once, so
     * that their reconnections do not arrive as one storm; until its turn, a client is served as
     * usual. Call it after the transport has stopped taking new sockets, and before {@link #shutdown}.
     *
     * @return completes once the last socket open at the call is closed
     */
    public CompletionStage<Void> drain(Duration period) {
        return parts.clients.drain(period);
    }

    /**
     * Stops gracefully: writes all pending room state, closes every socket with 1001 and writes what
     * their leaving left pending, waiting at most {@code timeout} for the store.
     *
     * @return whether everything was written in time
     */
    public boolean shutdown(Duration timeout) {
        return parts.shutdown(timeout);
    }

    /**
     * Shuts down (10 s for the store), then closes the cluster (leaving it), the store, and the
     * threads the engine made.
     */
    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(10));
        } finally {
            parts.close();
        }
    }
}
